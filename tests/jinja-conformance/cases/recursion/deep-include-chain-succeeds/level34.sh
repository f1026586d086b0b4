34 {% include 'level35.sh' %}
