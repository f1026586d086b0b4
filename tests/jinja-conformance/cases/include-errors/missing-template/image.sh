#!/bin/bash
echo start
{% include 'nope.sh' %}
