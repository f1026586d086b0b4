#!/bin/bash
set -euo pipefail
cp /etc/hosts /etc/hosts.orig

cat > /etc/hosts <<'EOF'
127.0.0.1   localhost
::1         localhost ip6-localhost ip6-loopback
ff02::1     ip6-allnodes
ff02::2     ip6-allrouters

# {{ hosts|length + extra_hosts|length }} entries for {{ domain }}
{% for h in hosts|sort(attribute='ip') %}
{{ h.ip.ljust(15) }} {% for n in h.names %}{{ n }}.{{ domain }} {{ n }}{{ ' ' if not loop.last }}{% endfor %}

{% endfor %}
{% for name, ip in extra_hosts|dictsort(by='value') %}
{{ '%-15s'|format(ip) }} {{ name }}.{{ domain }} {{ name }}
{% endfor %}
EOF

{% set all_names = [] %}
{% for h in hosts %}{% set _ = all_names.extend(h.names) %}{% endfor %}
{% set _ = all_names.extend(extra_hosts.keys()) %}
for h in {{ all_names|sort|join(' ') }}; do
  getent hosts "$h.{{ domain }}" >/dev/null || { echo "missing $h"; exit 1; }
done
echo "first: {{ all_names|first }}, last: {{ all_names|last }}, count: {{ all_names|length }}"
{% for h in hosts if h.names|length > 1 -%}
echo "{{ h.names[0] }} is also known as {{ h.names[1:]|join(', ') }}"
{% endfor -%}
hostnamectl set-hostname {{ name }}.{{ domain }}
echo "subnets: {{ hosts|map(attribute='ip')|map('truncate', 8, true, '', 0)|unique|join(' ') }}"
