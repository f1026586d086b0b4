{% extends 'base.sh' %}
