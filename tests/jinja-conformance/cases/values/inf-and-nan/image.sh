{{ 'inf'|float }} {{ ['inf'|float, '-inf'|float] }} {{ 'nan'|float }} {{ ('nan'|float) == ('nan'|float) }} {{ 'inf'|float > 10 ** 100 }}
