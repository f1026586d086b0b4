7 {% include 'level08.sh' %}
