32 {% include 'level33.sh' %}
