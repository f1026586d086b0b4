#!/bin/bash
{% for p in packages %}
apt-get install -y {{ p }}
{% endfor %}
