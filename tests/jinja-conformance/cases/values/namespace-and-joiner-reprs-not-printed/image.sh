{% set ns = namespace(a=1) %}{{ ns.a }}
