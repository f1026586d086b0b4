{% from 'macros/none.sh' import m %}
