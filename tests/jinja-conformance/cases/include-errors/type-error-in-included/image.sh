{% include 'math.sh' %}
