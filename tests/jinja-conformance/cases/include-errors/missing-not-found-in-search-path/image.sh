{% include 'only-elsewhere.sh' %}
