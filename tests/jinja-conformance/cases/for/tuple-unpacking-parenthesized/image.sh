{% for (a, b) in [(1, 2), (3, 4)] %}{{ a + b }} {% endfor %}
