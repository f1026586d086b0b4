{% for t in tree recursive -%}
{{ t.n }} depth0={{ loop.depth0 }} index={{ loop.index }}/{{ loop.length }} revindex0={{ loop.revindex0 }} first={{ loop.first }}
{% if t.kids %}{{ loop(t.kids) }}{% endif %}
{%- endfor %}
