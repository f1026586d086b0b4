{% if debug %}set -x{% else %}set +x{% endif %}
