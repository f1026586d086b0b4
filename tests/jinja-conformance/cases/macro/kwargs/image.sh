{% macro unit(name) %}[Unit]
Description={{ name }}
{% for k, v in kwargs|dictsort %}{{ k }}={{ v }}
{% endfor %}{% endmacro %}
{{ unit('app', After='network.target', Wants='network-online.target') }}
