#!/bin/bash
set -euo pipefail

{% for conf in logrotate.apps -%}
cat > /etc/logrotate.d/{{ conf.name }} <<'EOF'
{{ conf.paths|join(' ') }} {
    {{ conf.frequency }}
    rotate {{ conf.rotate }}
{%- if conf.size is defined %}
    size {{ conf.size }}
{%- endif %}
{%- if conf.compress %}
    compress
    delaycompress
{%- endif %}
{%- if conf.missingok|default(false) %}
    missingok
{%- endif %}
{%- if conf.copytruncate|default(false) %}
    copytruncate
{%- endif %}
    notifempty
{%- if conf.postrotate is defined %}
    sharedscripts
    postrotate
        {{ conf.postrotate }}
    endscript
{%- endif %}
}
EOF
{% endfor %}
logrotate --debug /etc/logrotate.conf >/dev/null
{% set total = logrotate.apps|sum(attribute='rotate') -%}
echo "{{ logrotate.apps|length }} configs keep up to {{ total }} rotations in total"
echo "longest retention: {{ (logrotate.apps|max(attribute='rotate')).name }}"
echo "compressed: {{ logrotate.apps|selectattr('compress')|map(attribute='name')|join(', ') }}"
echo "daily: {{ logrotate.apps|selectattr('frequency', 'equalto', 'daily')|list|length }}"
echo "weekly: {{ logrotate.apps|selectattr('frequency', 'equalto', 'weekly')|list|length }}"
echo "defaults: {{ logrotate.defaults|dictsort|map('join', '=')|join(' ') }}"
echo "paths: {{ logrotate.apps|map(attribute='paths')|sum(start=[])|length }}"
echo "app retention: {{ logrotate.apps[1].rotate }} rotations of {{ logrotate.apps[1].size }}"
echo "audit compresses: {{ logrotate.apps[2].compress }}"
echo "nginx postrotate set: {{ logrotate.apps[0].postrotate is defined }}"
