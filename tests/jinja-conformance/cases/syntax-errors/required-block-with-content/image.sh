{% block main required %}content{% endblock %}
