{{ 7 is prime }}
