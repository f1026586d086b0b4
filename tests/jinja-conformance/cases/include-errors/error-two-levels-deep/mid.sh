mid
{% include 'leaf.sh' %}
