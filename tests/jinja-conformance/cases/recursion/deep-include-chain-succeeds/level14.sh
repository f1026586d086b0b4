14 {% include 'level15.sh' %}
