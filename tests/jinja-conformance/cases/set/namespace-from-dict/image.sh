{% set ns = namespace({'a': 1}, b=2) %}{{ ns.a }}{{ ns.b }}
