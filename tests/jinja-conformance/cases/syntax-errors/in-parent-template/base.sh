{% block a %}{% endblock %}
{{ 1 + }}
