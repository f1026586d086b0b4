{% if true %}
{% endfor %}
