{{ 1 + count }}
