{{ 'debian' is in allowed }} {{ 'arch' is in allowed }} {{ 'b' is in 'abc' }} {{ 'k' is in {'k': 1} }} {{ 'x' is not in allowed }}
