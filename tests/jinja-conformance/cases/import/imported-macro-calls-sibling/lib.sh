{% macro inner() %}inner{% endmacro %}
{% macro outer() %}outer({{ inner() }}){% endmacro %}
