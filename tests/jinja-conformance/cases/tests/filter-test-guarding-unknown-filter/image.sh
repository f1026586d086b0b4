{% if 'b64encode' is filter %}{{ 'x'|b64encode }}{% else %}no b64encode{% endif %}
