{% for ch in "abc" %}[{{ ch }}]{% endfor %}
