line 1
{{ 'x'|b64encode }}
