{% macro pkg(p) %}apt-get install {{ p }}{% endmacro %}
