{% set ns = namespace(count=0, names='') %}
{% for d in disks %}
{% set ns.count = ns.count + 1 %}
{% set ns.names = ns.names ~ d ~ ' ' %}
{% endfor %}
{{ ns.count }} disks: {{ ns.names }}
