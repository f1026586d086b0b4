{{ s.find('=') }} {{ s.rfind('=') }} {{ s.find('x') }} {{ s.index('b') }} {{ s.rindex('=') }} {{ s.find('=', 2) }} {{ s.find('=', 2, 3) }}
