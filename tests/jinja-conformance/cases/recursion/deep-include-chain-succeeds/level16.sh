16 {% include 'level17.sh' %}
