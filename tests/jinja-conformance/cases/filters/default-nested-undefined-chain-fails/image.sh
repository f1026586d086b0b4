{{ cfg.a.b|default('x') }}
