{% extends 'base.sh' %}
{% block header %}{{ super() }}# child header{% endblock %}
{% block items %}{% for f in features %}{% block item scoped %}* {{ f }}{% endblock %}
{% endfor %}{% endblock %}
