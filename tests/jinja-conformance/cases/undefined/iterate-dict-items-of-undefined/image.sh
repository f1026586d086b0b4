{% for k, v in missing.items() %}{{ k }}{% endfor %}
