{% set l = [3, 1, 2] %}{{ l.sort() }} {{ l }} {{ l.reverse() }} {{ l }}
