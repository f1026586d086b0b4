{{ {'a': "it's", "b'": 'x', 1: none, (1, 2): [true]} }}
