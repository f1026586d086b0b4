{{ '<b>'|safe }} {{ ('<b>'|safe) ~ '<i>' }} {% autoescape true %}{{ '<b>'|safe }} {{ '<i>' }}{% endautoescape %}
