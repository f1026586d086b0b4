{% block main %}
text
