9 {% include 'level10.sh' %}
