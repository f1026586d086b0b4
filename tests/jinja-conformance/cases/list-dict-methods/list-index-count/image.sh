{{ zones.index('c') }} {{ zones.count('b') }} {{ zones.index('b', 2) }}
