{% if a %}
{% else %}
{% elif b %}
{% endif %}
