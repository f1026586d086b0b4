{% extends 'base.sh' %}
{% block b %}{% include 'part.sh' %}{% endblock %}
