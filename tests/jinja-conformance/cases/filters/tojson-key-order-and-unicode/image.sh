{{ {'z': 1, 'a': {'y': 2, 'b': [3]}}|tojson }} {{ 'café ☃'|tojson }} {{ "it's"|tojson }} {{ [1.5, none, false]|tojson }} {{ ''|tojson }} {{ 'line\nbreak\ttab'|tojson }} {{ (1, 2)|tojson }}
