{% set copy = original %}
ok so far
{{ copy }}
