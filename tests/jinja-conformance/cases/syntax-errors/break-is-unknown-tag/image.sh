{% for i in [1, 2] %}
{% if i == 2 %}{% break %}{% endif %}
{% endfor %}
