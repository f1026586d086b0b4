{% for column in hosts|slice(3) %}{{ column }} {% endfor %}
{{ hosts|slice(3, 'x')|list }}
{{ hosts|slice(slices=2, fill_with=none)|list }}
{{ [1, 2]|slice(4)|list }}
