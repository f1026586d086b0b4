{{ not 3 is odd }} {{ 3 is not odd }} {{ (3 is odd) and (4 is even) }} {{ 2 + 1 is odd }} {{ -1 is number }}
