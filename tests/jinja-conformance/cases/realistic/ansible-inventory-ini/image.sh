#!/bin/bash
set -euo pipefail
mkdir -p /etc/ansible

{%- set group_names = [] %}
{%- for h in inventory %}{% for g in h.groups %}{% if g not in group_names %}{% set _ = group_names.append(g) %}{% endif %}{% endfor %}{% endfor %}

cat > /etc/ansible/hosts <<'EOF'
[all:vars]
ansible_user={{ ansible_user }}

[ungrouped]
{% for h in inventory if not h.groups -%}
{{ h.host }} ansible_host={{ h.ip }}
{% endfor %}
{%- for g in group_names|sort %}
[{{ g }}]
{% for h in inventory if g in h.groups -%}
{{ h.host }} ansible_host={{ h.ip }}{% for k, v in (h.vars|default({}))|dictsort %} {{ k }}={{ v }}{% endfor %}
{% endfor -%}
{% endfor %}
[rolling:children]
{% for batch in inventory|selectattr('groups')|map(attribute='host')|batch(2) -%}
batch{{ loop.index }}
{% endfor -%}
{% for batch in inventory|selectattr('groups')|map(attribute='host')|batch(2) %}
[batch{{ loop.index }}]
{{ batch|join('\n') }}
{% endfor -%}
EOF

ansible-inventory -i /etc/ansible/hosts --graph
echo "{{ group_names|length }} groups, {{ inventory|length }} hosts"
echo "columns: {% for col in inventory|map(attribute='host')|slice(3) %}[{{ col|join(' ') }}]{% endfor %}"
echo "primary db: {{ (inventory|selectattr('vars', 'defined')|selectattr('vars.pg_role', 'eq', 'primary')|first).host }}"
echo "done"
