{% set nothing.x = 1 %}
