{% extends layout %}
{% block body %}hello{% endblock %}
