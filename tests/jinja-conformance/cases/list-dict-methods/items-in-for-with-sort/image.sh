{% for name, v in versions.items()|sort %}{{ name }}={{ v }} {% endfor %}
