one
{% import 'lib.sh' as lib %}
