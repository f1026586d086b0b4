{{ 'x' is escaped }} {{ ('x'|e) is escaped }} {{ ('<b>'|safe) is escaped }} {{ (1|e) is escaped }}
