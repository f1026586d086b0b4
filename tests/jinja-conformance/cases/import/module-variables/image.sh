{% import 'settings.sh' as settings %}
{{ settings.prefix }} {{ settings.dirs|join(',') }}
