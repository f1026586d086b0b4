{% filter upper %}{% set domain = 'example.com' %}{% for h in hosts %}{{ h }}.{{ domain }} {% endfor %}{% endfilter %}
