{% set motd %}
Welcome to {{ name }}.
Managed by {{ user }}.
{% endset %}
cat > /etc/motd <<'EOF'
{{ motd }}EOF
