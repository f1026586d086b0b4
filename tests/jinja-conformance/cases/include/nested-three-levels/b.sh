3{% include 'c.sh' %}3
