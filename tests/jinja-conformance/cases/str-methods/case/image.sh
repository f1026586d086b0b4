{{ s.upper() }} {{ s.lower() }} {{ s.title() }} {{ s.capitalize() }} {{ s.swapcase() }} {{ 'ǅ'.swapcase() }} {{ s.casefold() }}
