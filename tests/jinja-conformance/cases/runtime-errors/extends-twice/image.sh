{% extends 'a.sh' %}
{% extends 'b.sh' %}
