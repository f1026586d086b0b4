{% set ns = namespace(total=0, names=[]) %}{% for u in users %}{% set ns.total = ns.total + u.uid %}{% set _ = ns.names.append(u.name) %}{% endfor %}{{ ns.total }} {{ ns.names }}
{% set a, b = 1, 2 %}{{ a }}{{ b }}{% set x = 5 if false else 3 %}{{ x }}
{% set block %}{% for p in ports %}{{ p }} {% endfor %}{% endset %}[{{ block | trim }}]
{% set up | upper %}shout{% endset %}{{ up }}
