{% set c = cfg.copy() %}{{ c }} {{ c|length }} {{ cfg == c }}
