#!/bin/bash
set -euo pipefail

{% for u in users|rejectattr('state', 'defined') %}
# {{ u.name }}
if ! id -u {{ u.name }} >/dev/null 2>&1; then
  useradd {{ '--system' if u.system|default(false) else '--create-home' }} \
    --uid {{ u.uid }} \
    --shell {{ u.shell|default('/bin/bash') }}{% if u.groups is defined %} \
    --groups {{ u.groups|join(',') }}{% endif %} \
    {{ u.name }}
fi
{% if u['keys'] %}
install -d -m 0700 -o {{ u.name }} -g {{ u.name }} /home/{{ u.name }}/.ssh
cat > /home/{{ u.name }}/.ssh/authorized_keys <<'EOF'
{% for key in u['keys'] %}
{{ key }}
{% endfor %}
EOF
chmod 0600 /home/{{ u.name }}/.ssh/authorized_keys
chown {{ u.name }}:{{ u.name }} /home/{{ u.name }}/.ssh/authorized_keys
{% endif %}
{% if admin_group in u.groups|default([]) %}
echo '{{ u.name }} ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/90-{{ u.name }}
chmod 0440 /etc/sudoers.d/90-{{ u.name }}
{% endif %}

{% endfor %}
{% for u in users|selectattr('state', 'defined')|selectattr('state', 'eq', 'absent') %}
userdel --remove {{ u.name }} 2>/dev/null || true
{% endfor %}
echo "users: {{ users|rejectattr('state', 'defined')|map(attribute='name')|join(' ') }}"
{%- set ns = namespace(keys=0) %}
{%- for u in users if 'keys' in u %}{% set ns.keys = ns.keys + u['keys']|length %}{% endfor %}
echo "keys installed: {{ ns.keys }}"
