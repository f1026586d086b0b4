{% extends 'base.sh' %}
{% block app %}web default{% endblock %}
{% block web %}nginx{% endblock %}
