who defined: {{ who is defined }}, local defined: {{ local is defined }}, globals: {{ range(2)|list }}
