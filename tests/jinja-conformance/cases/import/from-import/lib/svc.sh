{% macro enable(s) %}systemctl enable {{ s }}{% endmacro %}
{% macro restart(s) %}systemctl restart {{ s }}{% endmacro %}
