{% for v in [empty_str, empty_list, empty_map, zero, nothing, disabled, 0.0, (), range(0)] %}{{ 'T' if v else 'F' }}{% endfor %}
