1{% include 'a.sh' %}1
