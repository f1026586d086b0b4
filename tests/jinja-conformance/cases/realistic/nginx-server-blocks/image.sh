#!/bin/bash
set -euo pipefail
apt-get install -y nginx
rm -f /etc/nginx/sites-enabled/default

sed -i 's/worker_connections [0-9]*;/worker_connections {{ nginx.worker_connections }};/' /etc/nginx/nginx.conf

{% for site in nginx.sites %}
# --- {{ loop.index }}/{{ loop.length }}: {{ site.name }}
cat > /etc/nginx/sites-available/{{ site.name }}.conf <<'EOF'
{% if site.upstream is defined %}
upstream {{ site.name }}_backend {
{% for server in site.upstream %}
    server {{ server }} max_fails=3 fail_timeout=30s;
{% endfor %}
}

{% endif %}
{% if site.tls %}
server {
    listen 80;
    server_name {{ site.server_names|join(' ') }};
    return 301 https://$host$request_uri;
}

{% endif %}
server {
    listen {{ '443 ssl' if site.tls else '80' }};
    server_name {{ site.server_names|join(' ') }};
{% if site.tls %}
    ssl_certificate     /etc/ssl/{{ site.server_names|first }}/fullchain.pem;
    ssl_certificate_key /etc/ssl/{{ site.server_names|first }}/privkey.pem;
{% endif %}
{% if site.client_max_body_size is defined %}
    client_max_body_size {{ site.client_max_body_size }};
{% endif %}
{% if site.upstream is defined %}
    location / {
        proxy_pass http://{{ site.name }}_backend;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
{% else %}
    root {{ site.root }};
    index index.html;
{% endif %}
}
EOF
ln -sf /etc/nginx/sites-available/{{ site.name }}.conf /etc/nginx/sites-enabled/{{ site.name }}.conf
{% endfor %}

nginx -t
systemctl reload nginx
