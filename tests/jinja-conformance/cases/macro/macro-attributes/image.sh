{% macro greet(name, greeting='hi') %}{{ varargs }}{% endmacro %}
{{ greet.name }} {{ greet.arguments }} {{ greet.catch_varargs }} {{ greet.catch_kwargs }} {{ greet.caller }}
