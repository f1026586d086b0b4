{% set ns = namespace() %}{{ ns.nothing is defined }} {% set ns.x = 1 %}{{ ns.x }}
