{{ 'abcdef'[start:start + count] }} {{ 'abcdef'[start:] }}
