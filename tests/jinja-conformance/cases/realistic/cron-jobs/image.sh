#!/bin/bash
set -euo pipefail

{%- macro schedule(job) -%}
{%- if job.schedule is defined -%}
{{ job.schedule }}
{%- else -%}
{{ job.minute|default('*') }} {{ job.hour|default('*') }} {{ job.day|default('*') }} {{ job.month|default('*') }} {{ job.weekday|default('*') }}
{%- endif -%}
{%- endmacro %}

cat > /etc/cron.d/{{ name }} <<'EOF'
SHELL=/bin/bash
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
MAILTO={{ cron.mailto }}

{% for job in cron.jobs if job.enabled|default(true) -%}
# {{ job.name }}
{{ schedule(job) }} {{ job.user|default('root') }} {{ job.command }}
{% endfor -%}
EOF
chmod 0644 /etc/cron.d/{{ name }}

{% set disabled = cron.jobs|rejectattr('enabled', 'undefined')|rejectattr('enabled')|map(attribute='name')|list -%}
{% if disabled -%}
echo "disabled: {{ disabled|join(', ') }}"
{% endif -%}
echo "{{ cron.jobs|length - disabled|length }} jobs installed"
{% for user, jobs in cron.jobs|groupby('user', default='root') -%}
echo "{{ user }}: {{ jobs|map(attribute='name')|join(' ') }}"
{% endfor -%}
crontab -l 2>/dev/null || true
run-parts --test /etc/cron.daily
echo "longest command: {{ cron.jobs|map(attribute='command')|map('length')|max }} characters"
echo "{{ cron.jobs|map(attribute='name')|map('upper')|join(',') }}"
echo "schedules:"
{% for job in cron.jobs -%}
echo "  {{ job.name.ljust(14) }}{{ schedule(job) }}"
{% endfor -%}
echo "done"
