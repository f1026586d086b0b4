{% include '../outside.sh' %}
