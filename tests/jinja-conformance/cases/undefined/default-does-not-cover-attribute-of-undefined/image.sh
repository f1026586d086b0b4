{{ missing.sub|default('deep') }}
