{% macro table(rows, sep='|') %}{% for r in rows %}{{ caller(r, sep) }}
{% endfor %}{% endmacro %}
{% call(r, sep) table([['web', 80], ['api', 8080]], sep=',') %}{{ r|join(sep) }}{% endcall %}
