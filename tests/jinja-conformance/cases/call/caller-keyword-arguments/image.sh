{% macro row(cells) %}{% for c in cells %}{{ caller(value=c, pos=loop.index) }}{% endfor %}{% endmacro %}
{% call(value, pos) row(['a', 'b']) %}{{ pos }}={{ value }};{% endcall %}
