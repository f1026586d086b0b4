{% import 'lib.sh' as lib %}
