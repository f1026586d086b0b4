{% set prefix = 'svc' %}
{% for service in services %}
{% include 'enable.sh' %}
{% endfor %}
