{% for i in [1] %}{{ loop.cycle() }}{% endfor %}
