{% extends 'base.sh' %}
{% block packages %}
apt-get install -y nginx
{% endblock %}
