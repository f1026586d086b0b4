{% include 'level01.sh' %}
