{{ 'a b&c=d/é'|urlencode }} {{ {'q': 'x y', 'n': 1}|urlencode }} {{ [('k', 'v/w'), ('a', '&')]|urlencode }} {{ 'safe-_.~'|urlencode }} {{ 42|urlencode }}
