<{% block b %}{% endblock %}>
