{% for number, service in ports %}{{ service }}/{{ number }}
{% endfor %}
