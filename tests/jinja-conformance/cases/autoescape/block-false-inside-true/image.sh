{% autoescape true %}{{ v }}{% autoescape false %}{{ v }}{% endautoescape %}{{ v }}{% endautoescape %}
