{% for u in users if u.active %}{{ u.name }}{% else %}no active users{% endfor %}
