{% for u in users %}
useradd {{ u }}
{% else %}
echo "no users"
{% endfor %}
