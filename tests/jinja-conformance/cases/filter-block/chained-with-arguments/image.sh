{% filter indent(4, first=true) | replace('x', 'y') %}
line x1
line x2
{% endfilter %}
