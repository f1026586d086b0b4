28 {% include 'level29.sh' %}
