#!/bin/bash
set -euo pipefail
install -d -m 0700 /root/.aws

cat > /root/.aws/config <<'EOF'
{% for profile, settings in profiles|dictsort -%}
[{{ 'default' if profile == 'default' else 'profile ' ~ profile }}]
{% for key, value in settings|dictsort -%}
{{ key }} = {{ value }}
{% endfor -%}
{% if profile == 'default' -%}
s3 =
{% for key, value in s3_settings|dictsort -%}
{{ '    ' ~ key }} = {{ value }}
{% endfor -%}
{% endif %}
{% endfor -%}
EOF
chmod 0600 /root/.aws/config

{% set assumed = profiles|dictsort|selectattr('1.role_arn', 'defined')|map('first')|list -%}
echo "profiles: {{ profiles|list|sort|join(', ') }}"
echo "assume-role profiles: {{ assumed|join(', ') }}"
{% for p in assumed -%}
{% set arn = profiles[p].role_arn -%}
echo "{{ p }} -> account {{ arn.split(':')[4] }} role {{ arn.rsplit('/', 1)[1] }}{{ ' for %d minutes'|format(profiles[p].duration_seconds // 60) if profiles[p].duration_seconds is defined }}"
{% endfor -%}
aws configure list --profile default
export AWS_DEFAULT_REGION={{ aws_region }}
echo "regions: {{ profiles.values()|map(attribute='region', default=aws_region)|unique|sort|join(' ') }}"
echo "done"
