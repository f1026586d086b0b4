22 {% include 'level23.sh' %}
