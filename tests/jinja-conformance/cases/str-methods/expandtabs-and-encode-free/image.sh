[{{ 'a\tb'.expandtabs(4) }}] [{{ 'x\ty'.expandtabs() }}]
