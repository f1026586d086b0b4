{% include ['os/' ~ os ~ '.sh', 'os/default.sh'] %}
{% include ['os/missing.sh', 'os/default.sh'] %}
