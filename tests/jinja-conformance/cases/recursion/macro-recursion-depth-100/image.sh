{% macro sum_to(n) %}{% if n == 0 %}0{% else %}{{ n + sum_to(n - 1)|int }}{% endif %}{% endmacro %}
{{ sum_to(100) }}
