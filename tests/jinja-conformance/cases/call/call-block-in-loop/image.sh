{% macro unit(name) -%}
[{{ name }}]
{{ caller(name)|indent(2, true) }}
{%- endmacro %}
{% for s in services -%}
{% call(n) unit(s) %}ExecStart=/usr/bin/{{ n }}
Restart=always{% endcall %}
{% endfor %}
