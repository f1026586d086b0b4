{% if flag %}{% set mode = 'on' %}{% else %}{% set mode = 'off' %}{% endif %}mode={{ mode }}
