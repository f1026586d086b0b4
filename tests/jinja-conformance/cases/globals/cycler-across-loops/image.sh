{% set row = cycler('a', 'b', 'c') %}{% for x in [1, 2] %}{{ row.next() }}{% endfor %}{% for y in [1, 2] %}{{ row.next() }}{% endfor %}
