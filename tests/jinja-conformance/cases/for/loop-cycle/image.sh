{% for r in rows %}{{ r }}:{{ loop.cycle('odd', 'even') }}:{{ loop.cycle('a', 'b', 'c') }} {% endfor %}
