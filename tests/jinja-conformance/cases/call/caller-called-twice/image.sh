{% macro twice() %}{{ caller() }}{{ caller() }}{% endmacro %}
{% call twice() %}ab{% endcall %}
