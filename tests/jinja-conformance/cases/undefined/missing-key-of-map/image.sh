port={{ cfg.port }}
host={{ cfg.host }}
