one
two
{% block b %}{% endblock %}
{{ base_var }}
