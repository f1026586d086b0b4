{% for u in users %}useradd {{ u }}{% else %}none{% endfor %}
