{{ 'x'|center(width * 2 + 1) }}|{{ 'a,b'|replace(',' if true else ';', ' ') }}
