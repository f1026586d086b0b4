{% set sizes = [1.5, 2.25, -3.75, 10, 0.1] %}{% set pct = 0.4567 %}<a{{ {'href': 'x', 'class': 'y z', 'none': none} | xmlattr }}>
{{ env | tojson }}
{{ users[0] | tojson(indent=2) }}
{{ "it's <x> & y" | tojson }}
{{ sizes | tojson }}
