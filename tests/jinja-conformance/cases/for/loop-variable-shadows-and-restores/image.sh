{% for x in ['a', 'b'] %}{{ x }}{% endfor %} {{ x }}
