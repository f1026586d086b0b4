{% macro q(s) %}"{{ s }}"{% endmacro %}
{{ q('a') ~ ' ' ~ q('b') }} {{ q('x')|length }} {{ q('y')|upper }}
