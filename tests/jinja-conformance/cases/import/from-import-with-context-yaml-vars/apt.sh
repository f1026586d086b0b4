{% macro install_all() %}{% for p in packages %}apt-get install -y {{ p }}
{% endfor %}{% endmacro %}
