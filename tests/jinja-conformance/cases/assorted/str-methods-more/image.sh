{{ text.strip() }}|{{ text.lstrip() }}|{{ text.rstrip(' .') }}
{{ 'a,b,,c'.split(',') }} {{ 'a b  c'.split() }} {{ 'a,b,c'.rsplit(',', 1) }}
{{ 'key=value=x'.partition('=') }} {{ 'key=value=x'.rpartition('=') }}
{{ 'hello world'.title() }} {{ 'hELLO'.capitalize() }} {{ 'ab'.center(8, '*') }} {{ '42'.zfill(6) }} {{ '-42'.zfill(6) }}
{{ 'l1\nl2\r\nl3'.splitlines() }} {{ 'abcabc'.count('bc') }} {{ 'abc'.find('z') }} {{ 'x'.join(['1','2']) }}
{{ 'Hello'.swapcase() }} {{ 'abc'.isalpha() }} {{ '123'.isdigit() }} {{ 'a-b_c'.replace('-', '_', 1) }}
