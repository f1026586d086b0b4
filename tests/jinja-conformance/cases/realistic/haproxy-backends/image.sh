#!/bin/bash
set -euo pipefail
apt-get install -y haproxy

cat > /etc/haproxy/haproxy.cfg <<'EOF'
global
    maxconn {{ haproxy.maxconn }}
    log /dev/log local0

defaults
    mode http
    timeout connect 5s
    timeout client  30s
    timeout server  30s
{% for fe in haproxy.frontends %}

frontend {{ fe.name }}
    bind {{ fe.bind }}
{%- for acl in fe.acls|default([]) %}
    acl {{ acl.name }} {{ acl.cond }}
    use_backend {{ acl.backend }} if {{ acl.name }}
{%- endfor %}
    default_backend {{ fe.default_backend }}
{%- endfor %}
{% for name, be in haproxy.backends|dictsort %}

backend {{ name }}
    balance {{ be.balance }}
{%- if be.check is defined %}
    option httpchk GET {{ be.check }}
{%- endif %}
{%- for server in be.servers %}
    server {{ name }}{{ '%02d'|format(loop.index) }} {{ server }} check{{ ' weight %d'|format(100 // be.servers|length) }}
{%- endfor %}
{%- endfor %}
EOF

haproxy -c -f /etc/haproxy/haproxy.cfg
systemctl enable --now haproxy
echo "{{ haproxy.backends|length }} backends, {{ haproxy.backends.values()|map(attribute='servers')|map('length')|sum }} servers"
{%- for name, be in haproxy.backends|dictsort %}
echo "{{ name }}: {{ be.servers|map('replace', ':', ' port ')|join('; ') }}"
{%- endfor %}
{%- for fe in haproxy.frontends %}
echo "frontend {{ fe.name }} -> {{ fe.default_backend }}{{ ' (+%d acl)'|format(fe.acls|length) if fe.acls is defined }}"
{%- endfor %}
echo "ports:{% for fe in haproxy.frontends %} {{ fe.bind.split()[0].replace('*:', '') }}{% endfor %}"
echo "done"
