18 {% include 'level19.sh' %}
