{{ 'prefix-' ~ suffix }}
