{% extends 'base.sh' %}
{% block install %}{{ super() }}
apt-get install -y docker.io{% endblock %}
