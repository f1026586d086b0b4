timedatectl set-timezone UTC
