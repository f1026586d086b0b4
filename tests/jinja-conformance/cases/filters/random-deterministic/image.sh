{{ ['only']|random }} {{ 'x'|random }} {{ [7]|random + 1 }} {{ ([]|random) is defined }}
