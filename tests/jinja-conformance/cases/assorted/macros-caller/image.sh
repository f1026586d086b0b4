{% macro row(cells, sep='|') -%}
{{ sep }}{% for c in cells %} {{ c }} {{ sep }}{% endfor %}{{ varargs | length }}{{ kwargs | dictsort }}
{%- endmacro %}{{ row(['a', 'b']) }}
{{ row(['c'], '!', 1, 2, k=3) }}
{% macro wrap(tag) %}<{{ tag }}>{{ caller(tag | upper) }}</{{ tag }}>{% endmacro %}{% call(t) wrap('div') %}inner {{ t }}{% endcall %}
{{ row.name }} {{ row.arguments }} {{ wrap.caller }}
