#!/bin/bash
{# this is a template comment #}
echo a {# inline #}b
{#
  multi-line
  {{ not rendered }}
#}
echo c
