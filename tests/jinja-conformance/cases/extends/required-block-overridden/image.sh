{% extends 'base.sh' %}
{% block main %}main body{% endblock %}
