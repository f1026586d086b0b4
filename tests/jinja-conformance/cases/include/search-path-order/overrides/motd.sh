echo overridden motd
