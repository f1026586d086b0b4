{{ 'port ' + port }}
