{{ hosts|groupby('zone', default='none')|map('first')|list }}
{% for zone, items in hosts|groupby('zone', default='none', case_sensitive=true) %}{{ zone }}:{{ items|map(attribute='name')|join }} {% endfor %}
{% for zone, items in hosts|groupby(attribute='zone', default='none') %}{{ zone }}:{{ items|length }} {% endfor %}
