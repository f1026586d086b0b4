{% set l = ['a', 'b', 'a'] %}{% set c = l.copy() %}{% set _ = c.remove('a') %}{{ l }} {{ c }}
