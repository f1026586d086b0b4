{% include 'defs.sh' %}{{ helper is defined }}
