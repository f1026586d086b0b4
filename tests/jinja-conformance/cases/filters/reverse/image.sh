{{ 'abc'|reverse }} {{ [1, 2, 3]|reverse|list }} {{ range(3)|reverse|list }} {{ (1, 2)|reverse|list }}
