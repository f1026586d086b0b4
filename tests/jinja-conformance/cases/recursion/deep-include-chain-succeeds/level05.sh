5 {% include 'level06.sh' %}
