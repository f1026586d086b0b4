{{ major > 20 }} {{ minor == '04' }} {{ minor|int == 4 }} {{ major ~ '.' ~ minor }}
