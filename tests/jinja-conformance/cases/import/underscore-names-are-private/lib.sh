{% macro _private() %}p{% endmacro %}
{% macro public() %}{{ _private() }}ublic{% endmacro %}
