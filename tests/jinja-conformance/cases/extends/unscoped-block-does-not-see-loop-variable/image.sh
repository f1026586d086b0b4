{% extends 'base.sh' %}
{% block item %}{{ item is defined }}{% endblock %}
