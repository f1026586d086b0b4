{% macro greet(who=name, punct='!') %}hi {{ who }}{{ punct }}{% endmacro %}{{ greet() }} {{ greet('x', punct='?') }} {{ greet(punct='.') }}
