top
{% include 'mid.sh' %}
