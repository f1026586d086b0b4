{% include 'scripts/install.sh' %}
