#!/bin/bash
set -euo pipefail
{%- set w = motd.width %}
{%- set rule = '+' ~ '-' * (w - 2) ~ '+' %}

cat > /etc/motd <<'EOF'
{{ rule }}
|{{ motd.title|upper|center(w - 2) }}|
|{{ (name ~ ' ' ~ version)|center(w - 2) }}|
{{ rule }}
{% for line in (motd.notice|wordwrap(w - 4)).split('\n') -%}
| {{ line.ljust(w - 4) }} |
{% endfor -%}
{{ rule }}
{% for c in motd.contacts -%}
| {{ ('contact: ' ~ c).ljust(w - 4) }} |
{% endfor -%}
{{ rule }}
EOF

chmod -x /etc/update-motd.d/* 2>/dev/null || true

cat > /etc/issue <<'EOF'
{{ name }} {{ version }} \n \l
{{ motd.title|lower|replace(' ', '-') }}
EOF
cp /etc/issue /etc/issue.net
echo "motd is {{ (motd.notice|wordwrap(w - 4)).split('\n')|length + motd.contacts|length + 5 }} lines"
echo "{{ motd.notice|truncate(30) }}"
echo "{{ motd.notice|wordcount }} words"
echo "done"
