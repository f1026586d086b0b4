{% with %}{% set x = 'inner' %}{{ x }}{% endwith %} {{ x }}
