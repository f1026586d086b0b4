{% if true %}
x
{% endfor %}
