{% macro m(a) %}{{ a }}{% endmacro %}
{{ m(a=1, b=2) }}
