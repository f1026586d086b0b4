24 {% include 'level25.sh' %}
