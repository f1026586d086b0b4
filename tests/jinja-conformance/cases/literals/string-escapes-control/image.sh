[{{ "a\tb" }}] [{{ 'line1\nline2' }}] [{{ "back\\slash" }}] [{{ 'it\'s' }}] [{{ "say \"hi\"" }}] [{{ 'a\rb'|length }}] [{{ '\0'|length }}] [{{ '\a\b\f\v'|length }}]
