{% for v in volumes %}
{{ v.device|default('-') }} size={{ v.size }} type={{ v.type }} encrypted={{ v.encrypted }}
{% endfor %}
