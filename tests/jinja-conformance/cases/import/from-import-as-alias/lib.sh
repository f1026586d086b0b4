{% macro quote(s) %}'{{ s }}'{% endmacro %}
{% set version = '1.2.3' %}
