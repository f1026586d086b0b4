{% import 'lib.sh' as lib %}
{{ lib.show() }}
