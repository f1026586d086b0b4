{% set x = 'main' %}
{% include 'part.sh' %}
x={{ x }}
