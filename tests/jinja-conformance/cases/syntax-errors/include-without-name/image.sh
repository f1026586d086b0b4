{% include %}
