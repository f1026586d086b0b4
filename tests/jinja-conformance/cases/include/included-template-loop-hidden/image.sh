{% for i in [1, 2] %}{% include 'inner.sh' %}{% endfor %}
