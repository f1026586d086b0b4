{% extends 'layout.sh' %}
