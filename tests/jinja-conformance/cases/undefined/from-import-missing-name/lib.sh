{% macro here() %}{% endmacro %}
