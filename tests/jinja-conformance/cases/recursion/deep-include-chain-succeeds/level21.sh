21 {% include 'level22.sh' %}
