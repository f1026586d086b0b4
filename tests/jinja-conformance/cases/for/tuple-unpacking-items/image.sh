{% for key, value in sysctl.items() %}
{{ key }} = {{ value }}
{% endfor %}
