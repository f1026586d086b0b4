{% macro show() %}{{ who }}{% endmacro %}
{% set who = 'top-level' %}
{{ show() }}
{% for who in ['loop'] %}{{ show() }}{% endfor %}
