15 {% include 'level16.sh' %}
