{% for i in [1, 2] %}{% continue %}{% endfor %}
