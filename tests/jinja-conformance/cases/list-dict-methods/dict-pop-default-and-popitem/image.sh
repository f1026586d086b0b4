{% set d = {'k': 'v', 'z': 'last'} %}{{ d.pop('nothing', 'dflt') }} {{ d.popitem() }} {{ d }}
