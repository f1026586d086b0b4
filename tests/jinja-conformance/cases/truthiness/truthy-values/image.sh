{% for v in [s, l, m, n, 'False', '0', 0.1, (0,), range(1)] %}{{ 'T' if v else 'F' }}{% endfor %}
