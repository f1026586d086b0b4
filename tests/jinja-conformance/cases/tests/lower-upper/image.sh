{{ 'abc' is lower }} {{ 'aBc' is lower }} {{ 'ABC' is upper }} {{ 'AB1' is upper }} {{ '123' is upper }} {{ 'é' is lower }}
