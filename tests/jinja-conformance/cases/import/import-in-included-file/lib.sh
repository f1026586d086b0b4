{% macro hello() %}hello from lib{% endmacro %}
