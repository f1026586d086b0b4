30 {% include 'level31.sh' %}
