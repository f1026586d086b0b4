#!/bin/bash
set -euo pipefail

cat > /etc/sysctl.d/99-{{ name }}.conf <<'EOF'
# Managed by cloud-compose ({{ name }} {{ version }})
{% for key, value in sysctl|dictsort %}
{{ key }} = {{ value }}
{% endfor %}
EOF

sysctl --system

{% set groups = {} %}
{% for key in sysctl|sort %}
{% set prefix = key.split('.')[0] %}
{% if prefix not in groups %}{% set _ = groups.update({prefix: []}) %}{% endif %}
{% set _ = groups[prefix].append(key) %}
{% endfor %}
{% for prefix, keys in groups|dictsort %}
echo "{{ prefix }}: {{ keys|length }} setting{{ 's' if keys|length != 1 }}"
{% endfor %}

cat > /etc/security/limits.d/99-{{ name }}.conf <<'EOF'
{% for item, v in limits|dictsort %}
*    soft    {{ item.ljust(8) }} {{ v.soft }}
*    hard    {{ item.ljust(8) }} {{ v.hard }}
{% endfor %}
EOF

for key in {% for k in sysctl|dictsort(by='value') %}{{ k[0] }}{{ ' ' if not loop.last }}{% endfor %}; do
  sysctl -n "$key"
done
