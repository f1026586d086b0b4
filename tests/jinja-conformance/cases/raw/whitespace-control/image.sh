a
{%- raw -%}
  {{ x }}
{%- endraw -%}
  b
