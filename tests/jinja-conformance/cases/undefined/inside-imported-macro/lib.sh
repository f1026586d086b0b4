{% macro f() %}
  {{ nowhere }}
{% endmacro %}
