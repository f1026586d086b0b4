8 {% include 'level09.sh' %}
