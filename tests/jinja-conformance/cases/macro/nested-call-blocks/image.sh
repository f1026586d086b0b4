{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}
{% call wrap('a') %}{% call wrap('b') %}inner{% endcall %}{% endcall %}
