{% import 'lib.sh' as lib %}
{{ lib.div(1, 0) }}
