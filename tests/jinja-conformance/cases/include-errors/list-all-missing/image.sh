x
{% include ['a.sh', 'b.sh'] %}
