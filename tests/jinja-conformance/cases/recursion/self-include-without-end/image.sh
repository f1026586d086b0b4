{% include 'image.sh' %}
