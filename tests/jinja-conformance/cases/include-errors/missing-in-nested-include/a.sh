a1
a2
{% include 'gone.sh' %}
