17 {% include 'level18.sh' %}
