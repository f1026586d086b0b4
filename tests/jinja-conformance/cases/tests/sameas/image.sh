{{ none is sameas none }} {{ true is sameas true }} {{ 1 is sameas true }} {{ [] is sameas [] }} {% set l = [1] %}{{ l is sameas l }}
