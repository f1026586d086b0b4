{% macro b(t) %}<b>{{ t }}</b>{% endmacro %}
{% autoescape true %}{{ b('<i>') }} {{ '<i>' ~ b('x') }}{% endautoescape %}
