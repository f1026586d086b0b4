{% for k in env %}{{ k }}={{ env[k] }}
{% endfor %}
