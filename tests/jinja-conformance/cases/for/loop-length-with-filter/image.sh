{% for n in range(10) if n % 3 == 0 %}{{ n }}:{{ loop.index }}/{{ loop.length }}:{{ loop.revindex }} {% endfor %}
