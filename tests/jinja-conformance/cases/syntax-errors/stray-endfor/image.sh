{% if true %}x{% endif %}
{% endfor %}
