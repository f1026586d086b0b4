{% extends 'base.sh' %}
{% block b %}child{% endblock %}
