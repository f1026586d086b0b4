{{ cfg.b|default('none') }} {{ cfg['c']|default('none') }} {{ cfg.b is defined }} {{ cfg['a'] is defined }}
