[{{ 'menu'|center }}]
