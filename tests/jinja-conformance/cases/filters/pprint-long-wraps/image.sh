{{ {'alpha': 'a' * 30, 'beta': ['b' * 20, 'c' * 20, 'd' * 20], 'gamma': {'x': 1, 'y': 2}}|pprint }}
