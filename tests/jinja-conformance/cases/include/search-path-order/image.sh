{% include 'motd.sh' %}
{% include 'base.sh' %}
