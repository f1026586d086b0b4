{% set node = {'name': 'n'} %}{% set _ = node.update({'children': [node]}) %}
{% for n in [node] recursive %}{{ loop(n.children) }}{% endfor %}
