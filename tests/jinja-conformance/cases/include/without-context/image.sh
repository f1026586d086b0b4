{% set local = 'set-in-main' %}
{% include 'show.sh' without context %}
{% include 'show.sh' with context %}
