{% for node in tree recursive %}
{{ '  ' * loop.depth0 }}{{ node.name }} (depth {{ loop.depth }})
{% if node.children %}{{ loop(node.children) }}{% endif %}
{% endfor %}
