{% macro forever(n) %}
{{ forever(n + 1) }}
{% endmacro %}
{{ forever(0) }}
