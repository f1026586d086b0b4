26 {% include 'level27.sh' %}
