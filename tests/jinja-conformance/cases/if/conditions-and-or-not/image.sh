{% if a and not b %}1{% endif %}
{% if b or a %}2{% endif %}
{% if not items %}3{% endif %}
{% if a and (b or not items) %}4{% endif %}
{% if not (a and b) %}5{% endif %}
