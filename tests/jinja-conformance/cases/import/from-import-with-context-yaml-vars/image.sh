{% from 'apt.sh' import install_all with context %}
{{ install_all() }}
