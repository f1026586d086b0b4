{% for p in [1] %}
{{ p }}
