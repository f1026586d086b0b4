{% for v in values %}
{{ 10 / v }}
{% endfor %}
