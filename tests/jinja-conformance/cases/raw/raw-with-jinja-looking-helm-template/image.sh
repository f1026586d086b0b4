cat > values.tpl <<'EOF'
{%- raw %}
{{- define "app.labels" -}}
app: {{ .Chart.Name }}
{{- end -}}
{% endraw %}
EOF
