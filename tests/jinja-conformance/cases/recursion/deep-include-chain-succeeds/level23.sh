23 {% include 'level24.sh' %}
