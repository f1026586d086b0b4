{% macro show() %}region defined: {{ region is defined }}{% endmacro %}
