{% macro vhost(host, port) -%}
server { listen {{ port }}; server_name {{ host }}; }
{%- endmacro %}
{% for s in sites %}
{{ vhost(s, 8000 + loop.index) }}
{% endfor %}
