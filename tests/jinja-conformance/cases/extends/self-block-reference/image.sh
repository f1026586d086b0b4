{% extends 'base.sh' %}
{% block title %}Child title{% endblock %}
