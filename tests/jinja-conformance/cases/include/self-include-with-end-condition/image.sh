{% set depth = (depth|default(0)) + 1 %}{{ depth }}{% if depth < 5 %} {% include 'image.sh' %}{% endif %}
