{% extends 'base.sh' %}{% block b %}mid({{ super() }}){% endblock %}
