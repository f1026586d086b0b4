a
{% else %}
