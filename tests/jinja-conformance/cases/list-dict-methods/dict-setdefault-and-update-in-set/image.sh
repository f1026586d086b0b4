{% set d = {'a': 1} %}{% set _ = d.update({'b': 2}) %}{% set _ = d.setdefault('c', 3) %}{{ d|dictsort }} {{ d.pop('a') }} {{ d }}
