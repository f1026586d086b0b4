3 {% include 'level04.sh' %}
