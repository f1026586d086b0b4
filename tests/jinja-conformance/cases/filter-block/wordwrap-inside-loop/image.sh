{% for p in ['one two three four five six seven', 'eight nine'] %}
{% filter wordwrap(10) %}{{ p }}{% endfilter %}
{% endfor %}
