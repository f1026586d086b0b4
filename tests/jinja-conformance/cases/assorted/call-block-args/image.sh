{% macro each(items) %}{% for i in items %}{{ caller(i, loop.index) }}{% endfor %}{% endmacro %}{% call(item, n) each(features) %}{{ n }}={{ item }};{% endcall %}
