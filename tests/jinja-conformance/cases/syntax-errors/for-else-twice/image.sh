{% for x in [] %}{% else %}{% else %}{% endfor %}
