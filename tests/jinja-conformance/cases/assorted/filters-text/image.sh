{{ 'the quick brown fox jumps over the lazy dog' | wordwrap(12) }}
{{ 'the quick brown fox jumps over the lazy dog' | truncate(20) }}
{{ 'the quick brown fox' | truncate(9, true, '>>') }}
{{ 'a b  c' | wordcount }} {{ text | trim | title }} {{ 'x&y <b>' | urlencode }} {{ {'a': 1, 'b': 'c d'} | urlencode }}
{{ 123456789 | filesizeformat }} {{ 1023 | filesizeformat(true) }} {{ 1.5e12 | filesizeformat }}
{{ '<p>hi <b>there</b></p>' | striptags }} {{ 'abc' | reverse }} {{ 'abc' | center(9) }}|
