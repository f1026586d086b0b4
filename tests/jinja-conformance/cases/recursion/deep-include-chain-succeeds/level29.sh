29 {% include 'level30.sh' %}
