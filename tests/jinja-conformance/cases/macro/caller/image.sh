{% macro heredoc(path, mode='0644') -%}
cat > {{ path }} <<'EOF'
{{ caller() }}
EOF
chmod {{ mode }} {{ path }}
{%- endmacro %}
{% call heredoc('/etc/app.conf') -%}
listen = 8080
workers = 4
{%- endcall %}
