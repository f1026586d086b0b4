{% macro m() %}{{ caller() }}|{{ caller('x') }}{% endmacro %}
{% call(v='default') m() %}{{ v }}{% endcall %}
