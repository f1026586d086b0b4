#!/bin/bash
set -euo pipefail
echo "building {{ name }} on {{ os_family }}/{{ os_release }}"

{% include ['os/' ~ os_family ~ '-' ~ os_release ~ '.sh', 'os/' ~ os_family ~ '.sh', 'os/generic.sh'] %}

{% include 'os/' ~ os_family ~ '-hardening.sh' ignore missing %}

{% for step in ['users', 'time', 'agent'] -%}
{% include 'steps/' ~ step ~ '.sh' %}
{% endfor -%}

{% include 'local.sh' ignore missing %}

{% if os_family == 'debian' -%}
apt-get autoremove -y -q
apt-get clean
{%- else -%}
dnf clean all
{%- endif %}
rm -rf /tmp/* /var/tmp/*
echo "done"
