{{ 3 is odd }} {{ 4 is not odd }} {{ none is none }} {{ 'a' is string and 1 is number }}
