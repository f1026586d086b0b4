{% for os, r in rows|groupby('meta.os') %}{{ os }}={{ r|sum(attribute='n') }} {% endfor %}
{% for k, items in pairs|groupby(0) %}{{ k }}:{{ items }} {% endfor %}
