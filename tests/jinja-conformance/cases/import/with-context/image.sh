{% set local = 'main-set' %}
{% import 'lib.sh' as lib with context %}
{{ lib.show() }}
{% from 'lib.sh' import show with context %}
{{ show() }}
