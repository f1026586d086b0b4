{% autoescape true %}{% include 'part.sh' %}{% endautoescape %} {% include 'part.sh' %}
