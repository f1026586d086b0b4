{% set depth = (depth|default(0)) + 1 %}{% if depth < 30 %}{% include 'image.sh' %}{% else %}reached {{ depth }}{% endif %}
