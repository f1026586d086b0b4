{% for i in count %}{{ i }}{% endfor %}
