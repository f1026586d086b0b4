{% for item in ['a', 'b'] %}{% block item scoped %}{{ item }}{% endblock %}{% endfor %}
