{% macro show() %}{{ region }} {{ local }}{% endmacro %}
