1 {% include 'level02.sh' %}
