{% for n in [1, 2] %}{% set count = n %}{% include 'line.sh' %}
{% endfor %}
