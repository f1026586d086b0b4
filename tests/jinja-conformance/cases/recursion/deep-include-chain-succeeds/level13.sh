13 {% include 'level14.sh' %}
