{{ 10 is divisibleby(5) }} {{ 'a' is in(['a']) }} {{ 3 is gt(1) }} {{ 3 is ge(3) }} {{ 2 is sameas(2) }}
