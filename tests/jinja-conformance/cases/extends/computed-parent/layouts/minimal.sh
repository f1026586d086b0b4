minimal: {% block body %}{% endblock %}
