{% set comma = joiner(', ') %}{% for f in features %}{{ comma() }}{{ f }}{% endfor %}
{% set pipe = joiner() %}{% for f in features %}{{ pipe() }}{{ f }}{% endfor %}
