{% set sizes = [1.5, 2.25, -3.75, 10, 0.1] %}{% set pct = 0.4567 %}{{ 2.5 | round }} {{ 3.5 | round }} {{ 2.675 | round(2) }} {{ 2.1 | round(0, 'ceil') }} {{ -2.5 | round(0, 'floor') }}
{{ '0x1A' | int(0, 16) }} {{ '0b101' | int(base=0) }} {{ '12abc' | int(7) }} {{ '3.9' | int }} {{ '1e3' | float }} {{ 'x' | float(1.5) }}
{{ sizes | sum }} {{ sizes | min }} {{ sizes | max }} {{ users | sum(attribute='uid') }} {{ (users | max(attribute='uid')).name }}
{{ -7 // 2 }} {{ -7 % 3 }} {{ 7 % -3 }} {{ 2 ** -1 }} {{ (-8) ** (1/3) if false else 'n' }} {{ 10 / 4 }} {{ 10 / 5 }} {{ big * 3 }} {{ 0.1 + 0.2 }} {{ 1e16 }} {{ 1e-5 }} {{ 123456789.123456789 }}
{{ sizes | map('abs') | list }} {{ 3 | abs }} {{ -0.0 }}
