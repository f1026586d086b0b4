{% set l = [] %}
{% do l.append(1) %}
