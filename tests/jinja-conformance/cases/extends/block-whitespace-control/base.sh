[{% block b %}{% endblock %}]
