<{% block a %}T{% endblock %}|{% block b %}tb{% endblock %}>
