{% set t = 1, 2, 3 %}{{ t }} {{ t|length }}
