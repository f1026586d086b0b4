{% for u in users if u.admin %}
{{ loop.index }}/{{ loop.length }} {{ u.name }}{{ ',' if not loop.last }}
{% endfor %}
