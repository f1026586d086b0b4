{% foreach x in y %}
