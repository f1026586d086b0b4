{% include 'extra.sh' ignore missing %}
