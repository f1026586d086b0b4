{% from 'lib.sh' import quote as q, version %}
{{ q('x') }} {{ version }}
