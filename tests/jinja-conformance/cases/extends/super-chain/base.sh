{% block b %}base{% endblock %}
