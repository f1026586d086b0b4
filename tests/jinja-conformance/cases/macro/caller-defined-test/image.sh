{% macro box() %}[{% if caller is defined %}{{ caller() }}{% else %}empty{% endif %}]{% endmacro %}
{{ box() }} {% call box() %}full{% endcall %}
