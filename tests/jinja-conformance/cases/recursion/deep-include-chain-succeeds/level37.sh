37 {% include 'level38.sh' %}
