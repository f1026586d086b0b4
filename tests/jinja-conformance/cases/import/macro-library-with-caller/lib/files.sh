{% macro file(path, mode='0644') -%}
install -m {{ mode }} /dev/stdin {{ path }} <<'EOF'
{{ caller() }}EOF
{%- endmacro %}
