{{ {'a b': 1}|xmlattr }}
