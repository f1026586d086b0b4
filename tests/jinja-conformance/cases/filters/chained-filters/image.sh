{{ packages|map('trim')|map('lower')|unique|sort|join(' ') }}
