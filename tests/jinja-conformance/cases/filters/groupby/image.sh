{% for team, members in users|groupby('team') %}
{{ team }}: {{ members|map(attribute='name')|join(', ') }}
{% endfor %}
{% for g in users|groupby('team') %}{{ g.grouper }}={{ g.list|length }} {% endfor %}
