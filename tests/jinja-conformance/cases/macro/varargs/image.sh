{% macro pkgs() %}apt-get install -y {{ varargs|join(' ') }}{% endmacro %}
{{ pkgs('curl', 'git', 'jq') }}
{% macro count() %}{{ varargs|length }}{% endmacro %}{{ count() }} {{ count(1, 2) }}
