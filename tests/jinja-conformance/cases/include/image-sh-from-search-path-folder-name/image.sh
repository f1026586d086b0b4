{% include 'setup.sh' %}
