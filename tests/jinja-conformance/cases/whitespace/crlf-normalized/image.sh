line1
{% if true %}line2{% endif %}
line3
