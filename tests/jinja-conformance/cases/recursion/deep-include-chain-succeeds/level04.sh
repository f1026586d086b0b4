4 {% include 'level05.sh' %}
