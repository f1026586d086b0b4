{% from 'lib/files.sh' import file %}
{% call file('/etc/app/env', '0600') %}
A=1
B=2
{% endcall %}
