apt-get update
apt-get install -y {{ packages|join(' ') }}
