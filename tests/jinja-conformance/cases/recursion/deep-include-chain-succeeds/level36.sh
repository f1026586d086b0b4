36 {% include 'level37.sh' %}
