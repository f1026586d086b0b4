{% set local = 'L' %}{% include ['missing.sh', 'found.sh'] ignore missing with context %}
