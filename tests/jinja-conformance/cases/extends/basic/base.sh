#!/bin/bash
set -e
{% block packages %}{% endblock %}
{% block cleanup %}
apt-get clean
{% endblock %}
