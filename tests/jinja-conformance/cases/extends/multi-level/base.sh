base: {% block web %}none{% endblock %} | {% block app %}base app{% endblock %}
