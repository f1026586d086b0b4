{{ 'abc'.index('z') }}
