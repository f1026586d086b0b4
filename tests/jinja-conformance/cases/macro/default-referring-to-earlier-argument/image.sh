{% macro path(dir, file=dir ~ '.conf') %}{{ dir }}/{{ file }}{% endmacro %}
{{ path('nginx') }} {{ path('app', 'x.ini') }}
