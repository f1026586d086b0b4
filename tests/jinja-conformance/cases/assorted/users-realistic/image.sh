{% set sizes = [1.5, 2.25, -3.75, 10, 0.1] %}{% set pct = 0.4567 %}#!/bin/bash
set -euo pipefail
{% for u in users | sort(attribute='uid') %}
{%- set home = '/home/' ~ u.name | lower %}
useradd -m -d {{ home }} -u {{ u.uid }} -s {{ u.shell }}{% if u.groups %} -G {{ u.groups | join(',') }}{% endif %} {{ u.name | lower }}
{% endfor %}
cat > /etc/app.env <<'EOF'
{% for k, v in env | dictsort -%}
{{ k | upper }}={{ v | string | lower if v is boolean else v }}
{% endfor -%}
EOF
# ports: {{ ports | sort | join(' ') }} ({{ '%.1f' | format(pct * 100) }}%)
