{% macro user(name, shell='/bin/bash', groups=[]) -%}
useradd -m -s {{ shell }}{% if groups %} -G {{ groups|join(',') }}{% endif %} {{ name }}
{%- endmacro %}
{{ user('ann') }}
{{ user('bob', '/bin/zsh') }}
{{ user('cid', groups=['sudo', 'docker']) }}
{{ user(shell='/bin/sh', name='dee') }}
