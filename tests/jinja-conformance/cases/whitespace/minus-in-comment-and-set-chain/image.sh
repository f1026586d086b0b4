{% set a = 1 -%}
{# note #}
{%- set b = 2 %}
{{ a }}{{ b }}
