{% if 7 is prime %}prime{% endif %}
