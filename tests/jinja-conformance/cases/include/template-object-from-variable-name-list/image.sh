{% for e in extras %}{% include e %}
{% endfor %}
