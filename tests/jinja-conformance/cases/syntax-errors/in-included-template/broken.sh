fine
fine
{% if %}
