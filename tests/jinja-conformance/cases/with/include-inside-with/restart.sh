systemctl restart {{ service }}
