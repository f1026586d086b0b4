35 {% include 'level36.sh' %}
