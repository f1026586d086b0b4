{% for c in codes %}{% if c == 1 %}one{% elif c == 2 %}two{% elif c == 3 %}three{% elif c == 4 %}four{% else %}many{% endif %} {% endfor %}
