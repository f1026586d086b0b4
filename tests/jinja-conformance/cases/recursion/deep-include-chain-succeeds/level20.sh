20 {% include 'level21.sh' %}
