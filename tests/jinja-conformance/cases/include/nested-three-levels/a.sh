2{% include 'b.sh' %}2
