27 {% include 'level28.sh' %}
