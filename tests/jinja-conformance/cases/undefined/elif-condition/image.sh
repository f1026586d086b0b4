{% if a %}
a
{% elif b %}
b
{% endif %}
