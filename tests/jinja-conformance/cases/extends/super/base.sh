{% block install %}apt-get update{% endblock %}
