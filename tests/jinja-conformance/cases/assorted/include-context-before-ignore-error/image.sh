{% include ['missing.sh', 'roles/' ~ role ~ '.sh'] %}
{% include 'nope.sh' ignore missing %}x
{% for p in packages[role] %}{% include 'pkg.sh' %}{% endfor %}
{% include 'pkg.sh' without context ignore missing %}