{% from 'lib/svc.sh' import enable, restart %}
{{ enable('nginx') }}
{{ restart('nginx') }}
