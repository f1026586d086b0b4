{% for i in [[1]] %}{{ loop(i) }}{% endfor %}
