{% for row in [1, 2] %}{% set outer = loop %}{% for col in ['a', 'b'] %}{{ outer.index }}{{ col }}{{ loop.index }} {% endfor %}{% endfor %}
