#!/bin/bash
{% if env == 'production' %}
echo prod
{% elif env == 'staging' %}
echo staging
{% elif env == 'dev' %}
echo dev
{% else %}
echo unknown
{% endif %}
done
