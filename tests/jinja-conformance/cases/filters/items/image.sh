{{ env|items|list }} {% for k, v in env|items %}{{ k }}{{ v }}{% endfor %}
