[{{ 'title'|center(11) }}] [{{ 'x'|center(4) }}] [{{ 'toolong'|center(3) }}] [{{ 'c'|center(width=5) }}]
