{% include 'scripts/missing.sh' %}
