{% for i in [1, 2] if i > limit %}{{ i }}{% endfor %}
