{% import 'lib.sh' as lib %}
{% call lib.section('install') %}apt-get install -y curl{% endcall %}
