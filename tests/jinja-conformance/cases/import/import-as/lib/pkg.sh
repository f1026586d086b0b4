{% macro install() %}apt-get install -y {{ varargs|join(' ') }}{% endmacro %}
{% macro remove(p) %}apt-get purge -y {{ p }}{% endmacro %}
