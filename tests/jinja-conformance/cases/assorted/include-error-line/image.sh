line1
{% include 'inc.sh' %}
