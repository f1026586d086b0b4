{{ 'a-b-c-d'.replace('-', '_') }} {{ 'a-b-c-d'.replace('-', '_', 2) }} {{ 'aaa'.replace('a', 'bb', 0) }} {{ 'abc'.replace('', '|') }}
