start
{% if enable_docker %}docker{% endif %}
