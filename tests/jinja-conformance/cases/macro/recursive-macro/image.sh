{% macro countdown(n) %}{{ n }}{% if n > 0 %} {{ countdown(n - 1) }}{% endif %}{% endmacro %}
{{ countdown(5) }}
