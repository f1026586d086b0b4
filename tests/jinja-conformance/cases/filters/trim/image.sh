[{{ '  padded  '|trim }}] [{{ 'xxhixx'|trim('x') }}] [{{ '\n\ttabs\n'|trim }}] [{{ '--a--'|trim(chars='-') }}]
