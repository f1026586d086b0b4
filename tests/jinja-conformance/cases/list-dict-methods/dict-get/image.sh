{{ cfg.get('port') }} {{ cfg.get('missing') }} {{ cfg.get('missing', 8080) }} {{ cfg.get('host', 'x') }}
