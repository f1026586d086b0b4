before
{% include 'local-overrides.sh' ignore missing %}
{% include ['a.sh', 'b.sh'] ignore missing %}
after
