start
{% include 'loop.sh' %}
