{{ 'a,b;c'.replace(',', ' ').replace(';', ' ').split() }}
