{% from 'lib.sh' import nothere %}
{{ nothere() }}
