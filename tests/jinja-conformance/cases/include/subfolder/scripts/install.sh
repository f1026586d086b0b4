apt-get update
{% include 'scripts/helpers/retry.sh' %}
