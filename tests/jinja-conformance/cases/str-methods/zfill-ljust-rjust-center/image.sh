[{{ '42'.zfill(5) }}] [{{ '-42'.zfill(5) }}] [{{ 'ab'.ljust(5) }}] [{{ 'ab'.rjust(5, '.') }}] [{{ 'ab'.center(6, '*') }}] [{{ 'abc'.center(6) }}] [{{ 'long'.ljust(2) }}]
