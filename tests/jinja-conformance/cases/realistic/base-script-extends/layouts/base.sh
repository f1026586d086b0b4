#!/bin/bash
# {{ name }} {{ version }}: {% block description %}generic image{% endblock %}
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

trap 'echo "failed at line $LINENO" >&2' ERR

echo "== preparing"
{% block prepare -%}
timedatectl set-timezone UTC
hostnamectl set-hostname {{ name }}
{%- endblock %}

echo "== packages"
{% block packages -%}
apt-get update -q
apt-get upgrade -y -q
{%- endblock %}

echo "== configure"
{% block configure %}{% endblock %}

echo "== cleanup"
{% block cleanup -%}
apt-get clean
rm -rf /var/lib/apt/lists/* /tmp/*
{%- endblock %}

echo "== {{ self.description() }} done"
