{% for i in range(3) %}{{ i }}{% endfor %} {% for i in range(1, 10, 3) %}{{ i }},{% endfor %} {% for i in range(5, 0, -2) %}{{ i }}{% endfor %}
