{%- for item in menu recursive -%}
[{{ loop.depth }}.{{ loop.index }}:{{ item.title }}{{ loop(item.sub) if item.sub }}]
{%- endfor -%}
