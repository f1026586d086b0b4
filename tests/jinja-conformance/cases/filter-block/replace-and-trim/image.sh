[{% filter trim|replace('\n', ' ') %}
  alpha
  beta
{% endfilter %}]
