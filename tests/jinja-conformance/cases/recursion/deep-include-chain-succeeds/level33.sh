33 {% include 'level34.sh' %}
