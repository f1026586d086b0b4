{% if quoted_false %}quoted "false" is truthy{% endif %}
