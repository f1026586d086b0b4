{% for in items %}{% endfor %}
