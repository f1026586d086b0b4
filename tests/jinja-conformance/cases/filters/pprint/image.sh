{{ {'b': [1, 2], 'a': 'x'}|pprint }} {{ 'str'|pprint }} {{ [1, 'two', none, true]|pprint }} {{ 1.5|pprint }}
