{% for name, value in limits|dictsort %}
* soft {{ name }} {{ value }}
{% endfor %}
