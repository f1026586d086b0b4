6 {% include 'level07.sh' %}
