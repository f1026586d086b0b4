{% set prefix = '/opt/app' %}
{% set dirs = [prefix ~ '/bin', prefix ~ '/etc'] %}
this text is not output
