#!/bin/bash
{% include 'setup.sh' %}
