25 {% include 'level26.sh' %}
