{% extends 'base.sh' %}
{% set who = 'child' %}
{% block b %}{{ who }}{% endblock %}
