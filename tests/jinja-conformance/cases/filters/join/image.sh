{{ packages|join }} {{ packages|join(' ') }} {{ packages|join(d=', ') }} {{ users|join(', ', attribute='name') }} {{ [1, 2, none]|join('-') }} {{ 'abc'|join('.') }}
