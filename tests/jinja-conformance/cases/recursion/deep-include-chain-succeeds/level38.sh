38 {% include 'level39.sh' %}
