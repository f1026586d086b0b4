[{% block body required %}{% endblock %}]
{{ self.body() }}
