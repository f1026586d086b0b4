#!/bin/bash
set -euo pipefail
# Package state as a Salt pillar would describe it.

{% for group, pkgs in packages|groupby('group') -%}
{% if group in roles or group == 'legacy' -%}
## {{ group }} ({{ pkgs|length }})
{% for state, items in pkgs|groupby('state', default='installed') -%}
{% if state == 'absent' -%}
apt-get purge -y {{ items|map(attribute='name')|join(' ') }} || true
{% elif state == 'latest' -%}
apt-get install -y --only-upgrade {{ items|map(attribute='name')|join(' ') }} || apt-get install -y {{ items|map(attribute='name')|join(' ') }}
{% else -%}
apt-get install -y {{ items|map(attribute='name')|join(' ') }}
{% endif -%}
{% endfor -%}
{% else -%}
## {{ group }}: not for roles {{ roles|join('+') }}, skipped
{% endif %}
{% endfor -%}

{% set wanted = packages|selectattr('group', 'in', roles)|map(attribute='name')|list -%}
dpkg -l {{ wanted|join(' ') }} >/dev/null
echo "wanted: {{ wanted|length }}, removed: {{ packages|selectattr('state', 'defined')|selectattr('state', 'eq', 'absent')|list|length }}"
echo "groups: {{ packages|map(attribute='group')|unique|join(',') }}"
{% for p in packages|selectattr('state', 'defined')|selectattr('state', 'eq', 'latest') -%}
echo "{{ p.name }} tracks the latest version"
{% endfor -%}
apt-mark showmanual | wc -l
echo "roles: {{ roles|map('upper')|join(' and ') }}"
echo "by name: {{ packages|sort(attribute='name')|map(attribute='name')|first }} .. {{ packages|sort(attribute='name')|map(attribute='name')|list|last }}"
echo "done"
