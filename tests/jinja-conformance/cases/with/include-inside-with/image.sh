{% with service = 'nginx' %}{% include 'restart.sh' %}{% endwith %}
