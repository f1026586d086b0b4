39 {% include 'level40.sh' %}
