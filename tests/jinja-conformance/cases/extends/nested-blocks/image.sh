{% extends 'base.sh' %}
{% block inner %}CHILD-INNER{% endblock %}
