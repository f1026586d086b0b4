{% block a %}x{% endblock b %}
