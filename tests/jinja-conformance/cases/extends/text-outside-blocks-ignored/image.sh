{% extends 'base.sh' %}
this line is never output
{% set ignored = 1 %}
{% block b %}child{% endblock %}
