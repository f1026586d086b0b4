{% macro m() %}{% endmacro %}
{{ m|tojson }}
