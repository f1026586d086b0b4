# {% block title %}Base{% endblock %}
echo "{{ self.title() }}"
