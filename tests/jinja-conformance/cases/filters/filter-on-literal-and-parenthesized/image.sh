{{ (1 + 2)|string ~ '!' }} {{ -3|abs }} {{ [3, 1]|sort|first }} {{ ('a' ~ 'b')|upper }}
