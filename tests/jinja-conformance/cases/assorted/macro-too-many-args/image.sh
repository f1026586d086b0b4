{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}
