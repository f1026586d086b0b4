{% macro install(pkg) %}apt-get install -y {{ pkg }}{% endmacro %}
{{ install('curl') }}
{{ install('git') }}
