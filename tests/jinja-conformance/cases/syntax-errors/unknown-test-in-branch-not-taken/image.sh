{% if false %}{{ 1 is strng }}{% endif %}
