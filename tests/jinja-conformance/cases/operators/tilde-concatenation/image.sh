{{ 'port:' ~ port }} {{ enabled ~ '/' ~ missing }} {{ 1 ~ 2 }} {{ [1] ~ {'a': 1} }} {{ 1.5 ~ '' }}
