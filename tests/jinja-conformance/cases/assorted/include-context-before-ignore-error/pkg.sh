pkg {{ p | default('?') }}
