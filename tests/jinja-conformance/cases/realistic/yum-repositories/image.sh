#!/bin/bash
set -euo pipefail

{% for id, r in repos|dictsort %}
cat > /etc/yum.repos.d/{{ id }}.repo <<'EOF'
[{{ id }}]
name={{ r.name }}
baseurl={{ r.baseurl }}
enabled={{ r.enabled|default(true)|int }}
gpgcheck={{ r.gpgcheck|default(false)|int }}
{% if r.gpgkey is defined %}
gpgkey={{ r.gpgkey }}
{% endif %}
{% if r.priority is defined %}
priority={{ r.priority }}
{% endif %}
EOF
{% endfor %}

dnf makecache
{% set specs = [] %}
{% for p in packages %}
{% if p is mapping %}
{% set _ = specs.append(p.name ~ '-' ~ p.version) %}
{% else %}
{% set _ = specs.append(p) %}
{% endif %}
{% endfor %}
dnf install -y {{ specs|join(' ') }}
echo "enabled repos:{% for id, r in repos|dictsort if r.enabled|default(true) %} {{ id }}{% endfor %}"
dnf clean all
