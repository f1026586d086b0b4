{% for k, v in dict(a=1, b=2).items() %}{{ k }}{{ v }}{% endfor %}
