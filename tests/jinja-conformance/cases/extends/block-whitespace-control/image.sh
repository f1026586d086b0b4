{% extends 'base.sh' %}
{% block b -%}
   trimmed
{%- endblock %}
