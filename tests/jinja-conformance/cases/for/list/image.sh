{% for p in packages %}
apt-get install -y {{ p }}
{% endfor %}
