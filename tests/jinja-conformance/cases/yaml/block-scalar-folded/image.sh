[{{ text }}] [{{ short }}]
