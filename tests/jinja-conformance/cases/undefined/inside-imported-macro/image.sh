{% from 'lib.sh' import f %}
first line
{{ f() }}
