{% include 'a.sh' %}
