{% block b %}{% endblock %}!
