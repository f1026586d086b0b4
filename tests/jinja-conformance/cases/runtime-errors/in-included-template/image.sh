a
{% include 'calc.sh' %}
