{% if false %}
{{ secret|b64decode }}
{% endif %}
