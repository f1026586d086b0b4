{% if false %}
{{ (( }}
{% endif %}
