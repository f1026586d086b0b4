one
{% include 'broken.sh' %}
