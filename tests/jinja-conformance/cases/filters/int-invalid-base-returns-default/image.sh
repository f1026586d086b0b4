{{ 'zz'|int(base=37) }}
