31 {% include 'level32.sh' %}
