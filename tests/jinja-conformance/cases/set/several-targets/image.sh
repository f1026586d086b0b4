{% set host, port = 'db.internal', 5432 %}
{% set a, b, c = [1, 2, 3] %}
{{ host }}:{{ port }} {{ a }}{{ b }}{{ c }}
