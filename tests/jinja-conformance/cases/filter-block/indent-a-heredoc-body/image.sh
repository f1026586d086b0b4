write_files:
  - content: |
{% filter indent(6, true) %}
line one
line two
{% endfilter %}
