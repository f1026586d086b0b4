{{ 'hello world'|replace('o', '0') }} {{ 'aaaa'|replace('a', 'b', 2) }} {{ 'x.y.z'|replace('.', '/', count=1) }} {{ 'abc'|replace('', '-') }} {{ 123|replace('2', 'two') }}
