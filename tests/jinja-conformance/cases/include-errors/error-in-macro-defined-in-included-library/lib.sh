{% macro div(a, b) -%}
{{ a / b }}
{%- endmacro %}
