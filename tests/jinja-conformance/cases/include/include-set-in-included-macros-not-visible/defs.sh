{% macro helper() %}x{% endmacro %}defs
