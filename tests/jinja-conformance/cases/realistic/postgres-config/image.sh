#!/bin/bash
set -euo pipefail
{% set conf_dir = '/etc/postgresql/%d/main'|format(postgres.version) -%}
apt-get install -y postgresql-{{ postgres.version }}

cat > {{ conf_dir }}/conf.d/{{ name }}.conf <<'EOF'
{% for key, value in postgres.settings|dictsort -%}
{{ '%-28s'|format(key) }} = {{ "'%s'"|format(value) if value is string else value }}
{% endfor -%}
EOF

cat > {{ conf_dir }}/pg_hba.conf <<'EOF'
# {{ '%-8s %-12s %-12s %-16s %s'|format('TYPE', 'DATABASE', 'USER', 'ADDRESS', 'METHOD') }}
{% for r in postgres.hba -%}
{{ '%-10s %-12s %-12s %-16s %s'|format(r.type, r.database, r.user, r.address|default(''), r.method) }}
{% endfor -%}
EOF

systemctl restart postgresql
{% for db in postgres.databases -%}
sudo -u postgres createdb --owner={{ db.owner }}{{ ' --encoding=' ~ db.encoding if db.encoding is defined }} {{ db.name }}
{% endfor -%}
{% for db in postgres.databases -%}
sudo -u postgres psql -d {{ db.name }} -c "REVOKE ALL ON SCHEMA public FROM PUBLIC; GRANT ALL ON SCHEMA public TO {{ db.owner }};"
{% endfor -%}
{% set mem = postgres.settings.shared_buffers -%}
echo "shared_buffers {{ mem }} = {{ mem[:-2]|int * 1024 }} MB"
sudo -u postgres psql -c 'SHOW max_connections;'
echo "{{ postgres.settings|length }} settings, {{ postgres.hba|length }} hba rules, {{ postgres.databases|map(attribute='name')|join('+') }}"
echo "remote rules: {{ postgres.hba|selectattr('address', 'defined')|map(attribute='address')|join(', ') }}"
echo "done"
