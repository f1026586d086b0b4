{% for a in [1, 2] %}{% for b in ['x', 'x', 'y'] %}{{ loop.cycle('-', '+') }}{{ b if loop.changed(b) else '.' }}{% endfor %}|{% endfor %}
