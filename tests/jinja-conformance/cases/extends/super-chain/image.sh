{% extends 'mid.sh' %}{% block b %}child({{ super() }}){% endblock %}
