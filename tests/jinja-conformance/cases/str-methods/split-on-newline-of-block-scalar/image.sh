{% for k in keys.split('\n') %}{{ k.split()[2] }}: {{ k.split()[1] }}
{% endfor %}
