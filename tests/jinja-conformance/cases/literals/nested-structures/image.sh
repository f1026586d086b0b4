{% set cfg = {'servers': [{'host': 'a', 'ports': (80, 443)}, {'host': 'b', 'ports': ()}], 'enabled': True} %}
{{ cfg }}
{{ cfg.servers[0].ports[1] }} {{ cfg['servers'][1]['host'] }}
