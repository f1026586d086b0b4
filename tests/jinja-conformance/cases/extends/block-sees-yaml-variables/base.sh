{% block body %}{% endblock %}end
