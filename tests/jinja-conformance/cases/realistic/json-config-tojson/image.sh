#!/bin/bash
set -euo pipefail
install -d -m 0755 /etc/{{ app.name }}

cat > /etc/{{ app.name }}/config.json <<'EOF'
{{ app|tojson(indent=2) }}
EOF

{% set labels = {'app': app.name, 'version': version} %}
{% set _ = labels.update(extra_labels) %}
cat > /etc/{{ app.name }}/labels.json <<'EOF'
{{ labels|tojson }}
EOF

{% set checks = [] %}
{% for f in app.features %}
{% set _ = checks.append({'name': f ~ '-enabled', 'path': '/features/' ~ f, 'interval': 10 * loop.index}) %}
{% endfor %}
cat > /etc/{{ app.name }}/checks.json <<'EOF'
{{ {'checks': checks, 'count': checks|length}|tojson(indent=4) }}
EOF

jq . /etc/{{ app.name }}/config.json >/dev/null
jq -e '.features | length == {{ app.features|length }}' /etc/{{ app.name }}/config.json
{% for f in app.features|sort -%}
echo "feature {{ loop.index }}: {{ f }}"
{% endfor -%}
echo 'timeouts: {{ app.http.timeouts|dictsort|map('join', '=')|join(' ') }}'
echo 'DB={{ app.database.host }}:{{ app.database.port }} pool={{ app.database.pool.min }}-{{ app.database.pool.max }}'
echo 'escaped html in json: {{ {"msg": "<b>Tom & Jerry's</b>"}|tojson }}'
echo "debug={{ app.debug|tojson }} owner={{ app.owner|tojson }}"
