{% extends 'base.sh' %}
{% block item %}<{{ item }}>{% endblock %}
