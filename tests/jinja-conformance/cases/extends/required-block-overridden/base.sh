start {% block main required %}{% endblock %} end
