{% if release < 3 %}old{% endif %}
