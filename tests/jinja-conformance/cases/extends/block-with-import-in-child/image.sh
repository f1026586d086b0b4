{% extends 'base.sh' %}
{% import 'lib.sh' as lib %}
{% block b %}{{ lib.shout('hi') }}{% endblock %}
