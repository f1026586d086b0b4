{% for e in events %}{% if loop.changed(e.day, e.shift) %}[{{ e.day }}/{{ e.shift }}] {% endif %}{{ e.who }} {% endfor %}
