{% set d = {'a': 1} %}
{% set d.a = 2 %}
