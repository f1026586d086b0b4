systemctl enable {{ service }} # {{ prefix }}
