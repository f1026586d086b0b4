[{% block body required %}{% endblock %}]
