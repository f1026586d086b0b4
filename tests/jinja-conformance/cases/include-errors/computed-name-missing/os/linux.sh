linux
