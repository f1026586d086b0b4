{{ '<a href="x">&</a>'|escape }} {{ "'"|e }} {{ 5|e }} {{ none|e }}
