10 {% include 'level11.sh' %}
