{{ 3 is odd }} {{ 3 is even }} {{ 0 is even }} {{ -3 is odd }} {{ 10 is divisibleby 5 }} {{ 10 is divisibleby(3) }} {{ 9 is divisibleby 3 }}
