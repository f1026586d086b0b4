#!/bin/sh
{% block header %}# base {{ name }}:{{ version }}
{% endblock %}
{% block items %}none{% endblock %}
{% block footer %}# end{% endblock %}
