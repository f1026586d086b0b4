{{ stats['count'] }} {{ stats['index'] }} {{ stats.count is callable }} {{ entries.count('a') }} {{ entries.index('b') }}
