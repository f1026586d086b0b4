again {% include 'loop.sh' %}
