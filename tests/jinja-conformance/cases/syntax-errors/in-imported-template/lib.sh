{% macro m() %}
{% endmacro
%}{% endif %}
