{% set count = 0 %}
{% for i in [1, 2, 3] %}{% set count = count + i %}{{ count }} {% endfor %}
after: {{ count }}
