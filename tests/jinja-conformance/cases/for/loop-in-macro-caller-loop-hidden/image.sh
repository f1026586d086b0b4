{% macro show() %}{{ loop is defined }}{% endmacro %}
{% for i in [1] %}{{ show() }}{% endfor %}
