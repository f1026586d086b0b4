{% extends 'web.sh' %}
{% block app %}deploy app v2 / {{ super() }}{% endblock %}
