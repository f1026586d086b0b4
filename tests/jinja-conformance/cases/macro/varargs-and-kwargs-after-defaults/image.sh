{% macro m(a, b=2) %}{{ a }} {{ b }} {{ varargs }} {{ kwargs|dictsort }}{% endmacro %}
{{ m(1) }}
{{ m(1, 3, 4, 5, x=6) }}
