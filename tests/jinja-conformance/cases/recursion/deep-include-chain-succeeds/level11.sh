11 {% include 'level12.sh' %}
