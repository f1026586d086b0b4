{% include 'x.sh' %}
