{{ sysctl['net.ipv4.ip_forward'] }} {{ sysctl['fs.file-max'] }} {{ labels['app.kubernetes.io/name'] }} {{ labels['my-key'] }}
