{{ env.keys() | list }} {{ env.values() | list }} {{ env.items() | list }}
{{ env.get('WORKERS') }} {{ env.get('nope', 'd') }} {{ env['Region'] }} {{ mixed | length }} {{ env | first }} {{ mixed.copy() }} {{ dict(a=1, **{'b': 2}) }}
{% for k in env %}{{ k }},{% endfor %}
