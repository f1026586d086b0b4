#cloud-config
write_files:
  - path: /etc/nginx/conf.d/default.conf
    content: |
      {{ nginx_conf | indent(6) }}
  - path: /etc/motd
    content: hello
