a
{% if x %}
b
