{% macro show() %}
value: {{ not_passed }}
{% endmacro %}
{{ show() }}
