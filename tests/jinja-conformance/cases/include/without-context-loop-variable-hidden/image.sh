{% for item in ['a'] %}{% include 'inner.sh' without context %}{% endfor %}
