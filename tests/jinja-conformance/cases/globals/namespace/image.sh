{% set ns = namespace(total=0, items=[]) %}{% for n in [3, 4] %}{% set ns.total = ns.total + n %}{% endfor %}{{ ns.total }} {{ ns.items }}
