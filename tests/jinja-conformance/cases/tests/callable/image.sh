{% macro m() %}{% endmacro %}{{ m is callable }} {{ d.keys is callable }} {{ 'x'.upper is callable }} {{ d is callable }} {{ range is callable }} {{ lipsum is callable }} {{ 'x' is callable }}
