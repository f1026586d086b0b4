{% for h in hosts %}
{% if loop.changed(h.zone) %}
# zone {{ h.zone }}
{% endif %}
{{ h.name }}
{% endfor %}
