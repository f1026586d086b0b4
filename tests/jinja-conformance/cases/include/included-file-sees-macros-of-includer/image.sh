{% macro greet(n) %}hi {{ n }}{% endmacro %}{% include 'use.sh' %}
