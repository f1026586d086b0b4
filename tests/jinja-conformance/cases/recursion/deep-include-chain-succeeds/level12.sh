12 {% include 'level13.sh' %}
