2 {% include 'level03.sh' %}
