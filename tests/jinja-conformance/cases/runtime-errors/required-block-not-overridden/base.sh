start
{% block main required %}{% endblock %}
