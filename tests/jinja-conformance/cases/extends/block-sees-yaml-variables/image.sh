{% extends 'base.sh' %}
{% block body %}{% for p in packages %}install {{ p }}
{% endfor %}{% endblock %}
