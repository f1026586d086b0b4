[{{ 'x' if false }}] [{{ ('x' if false)|default('d') }}] [{{ ('x' if false) is defined }}]
