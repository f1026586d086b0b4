{{ 1 is eq 1 }} {{ 1 is equalto 2 }} {{ 1 is ne 2 }} {{ 3 is gt 2 }} {{ 3 is greaterthan 3 }} {{ 3 is ge 3 }} {{ 2 is lt 3 }} {{ 2 is lessthan 2 }} {{ 2 is le 2 }} {{ 'a' is eq('a') }}
