{% macro section(name) %}# {{ name }}
{% include 'body.sh' %}{% endmacro %}
{{ section('first') }}
