{% macro section(title) %}### {{ title }}
{{ caller() }}
### end {{ title }}{% endmacro %}
