ok
{% include 'bad.sh' %}
