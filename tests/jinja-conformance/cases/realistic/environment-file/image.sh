#!/bin/bash
set -euo pipefail
install -d -m 0750 /etc/app

{#- an env file for systemd: one KEY=value per line, values quoted for the shell too #}
cat > /etc/app/app.env <<'EOF'
# generated for {{ name }} {{ version }}
{% for key, value in app_env|dictsort -%}
{%- if value is string -%}
{{ key }}={{ value|tojson if (' ' in value or '"' in value or "'" in value) else value }}
{% elif value is sequence -%}
{{ key }}={{ value|join(',') }}
{% else -%}
{{ key }}={{ value }}
{% endif -%}
{% endfor -%}
EOF

{% for s in secret_names -%}
echo "{{ s }}=$(aws ssm get-parameter --name /{{ name }}/{{ s|lower|replace('_', '-') }} --with-decryption --query Parameter.Value --output text)" >> /etc/app/secrets.env
{% endfor -%}
chmod 0600 /etc/app/secrets.env

cat > /etc/profile.d/app.sh <<'EOF'
{% for key in app_env|sort if key != 'MESSAGE' -%}
export {{ key }}="${ {{- key }}:-}"
{% endfor -%}
EOF

echo "{{ app_env|length }} variables, {{ secret_names|length }} secrets"
test -s /etc/app/app.env
grep -c '=' /etc/app/app.env
echo "port is {{ app_env.PORT + 0 }}, next is {{ app_env.PORT + 1 }}"
{% if app_env.NODE_ENV == 'production' -%}
echo "production mode"
{%- endif %}
