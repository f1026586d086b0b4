[{% block b %}base{% endblock %}]
