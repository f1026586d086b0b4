#!/bin/bash
{% if true %}
echo never closed
