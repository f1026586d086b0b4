{{ 5|string ~ 'x' }} {{ [1, 'a']|string }} {{ none|string }} {{ true|string|upper }} {{ 1.0|string }} {{ (1, 'b')|string }} {{ {'k': none}|string }}
