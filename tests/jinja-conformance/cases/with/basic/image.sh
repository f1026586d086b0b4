{% with port = 8080, host = 'localhost' %}
{{ host }}:{{ port }}
{% endwith %}
{{ port is defined }}
