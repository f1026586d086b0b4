dnf install -y {{ packages|join(' ') }}
