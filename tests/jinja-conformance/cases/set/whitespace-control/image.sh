a
{%- set x = 1 -%}
b{{ x }}
