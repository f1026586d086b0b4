#!/bin/bash
set -euo pipefail
apt-get install -y ufw

ufw --force reset
ufw default {{ firewall.default_policy }} incoming
ufw default allow outgoing

{% for rule in firewall.allow -%}
ufw allow {% if rule['from'] is defined %}from {{ rule['from'] }} to any {% endif %}port {{ rule.port }} proto {{ rule.proto }}{% if rule.comment is defined %} comment '{{ rule.comment }}'{% endif %}
{% endfor -%}

{% for src in firewall.deny_from -%}
ufw insert 1 deny from {{ src }}
{% endfor -%}

{% if firewall.rate_limit_ssh -%}
ufw limit 22/tcp
{% endif -%}

ufw --force enable
ufw status verbose

{#- summary for the build log #}
{% set tcp = firewall.allow|selectattr('proto', 'eq', 'tcp')|map(attribute='port')|list -%}
{% set udp = firewall.allow|selectattr('proto', 'eq', 'udp')|map(attribute='port')|map('string')|list -%}
echo "tcp: {{ tcp|join(',') }}"
echo "udp: {{ udp|join(',') }}"
echo "highest tcp port: {{ tcp|max }}"
echo "blocked: {{ firewall.deny_from|length }} source{{ 's' if firewall.deny_from|length > 1 }}"
echo "ranges: {{ firewall.allow|map(attribute='port')|select('string')|list }}"
echo "commented: {{ firewall.allow|selectattr('comment', 'defined')|map(attribute='comment')|map('title')|join('; ') }}"
echo "well-known: {{ tcp|select('lt', 1024)|list }}"
iptables -S | wc -l
echo "policy {{ firewall.default_policy|upper }}"
echo "done"
