{% block b %}{% endblock %}
