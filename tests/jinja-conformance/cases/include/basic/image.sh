#!/bin/bash
{% include 'common.sh' %}
echo main
