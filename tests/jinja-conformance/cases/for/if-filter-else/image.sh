{% for n in nums if n is even %}{{ n }}{% else %}no even numbers{% endfor %}
