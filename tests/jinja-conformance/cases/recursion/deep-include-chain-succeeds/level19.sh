19 {% include 'level20.sh' %}
