#!/bin/bash
{% include "a.sh" %}
{% include "b.sh" %}
