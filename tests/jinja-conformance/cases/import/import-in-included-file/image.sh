{% include 'part.sh' %}
