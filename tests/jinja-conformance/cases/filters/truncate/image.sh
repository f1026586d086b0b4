{{ text|truncate(20) }}
{{ text|truncate(20, true) }}
{{ text|truncate(20, killwords=true, end='…') }}
{{ text|truncate(9, false, '') }}
{{ text|truncate(40) }}
{{ text|truncate(41, leeway=0) }}
{{ text|truncate(42, leeway=0) }}
{{ text|truncate }}
{{ 'short'|truncate(3, leeway=0) }}
