{% for item in ['a'] %}{% block item %}{% endblock %}{% endfor %}
