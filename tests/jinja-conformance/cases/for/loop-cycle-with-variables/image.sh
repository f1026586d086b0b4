{% for i in range(5) %}{{ loop.cycle(*colors) }} {% endfor %}
