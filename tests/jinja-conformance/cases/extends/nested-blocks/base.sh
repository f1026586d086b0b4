{% block outer %}outer[{% block inner %}base-inner{% endblock %}]{% endblock %}
