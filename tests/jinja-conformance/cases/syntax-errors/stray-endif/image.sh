text
{% endif %}
