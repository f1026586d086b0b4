{% autoescape true %}{{ html }} {{ html|safe }}{% endautoescape %} {{ html }}
