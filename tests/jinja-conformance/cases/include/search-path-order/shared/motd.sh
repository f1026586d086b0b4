echo shared motd
