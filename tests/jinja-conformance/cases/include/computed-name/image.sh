{% include 'os/' ~ os ~ '.sh' %}
{% set helper = 'os/common.sh' %}
{% include helper %}
