{% for v in values + [2.5] %}{{ 'num' if v is number else 'str' if v is string else 'none' if v is none else 'map' if v is mapping else 'seq' if v is sequence else '?' }} {% endfor %}
