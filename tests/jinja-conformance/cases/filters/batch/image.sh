{% for group in hosts|batch(2) %}{{ group }} {% endfor %}
{% for group in hosts|batch(3, 'EMPTY') %}{{ group|join(',') }} {% endfor %}
{{ hosts|batch(linecount=2, fill_with=none)|list }}
