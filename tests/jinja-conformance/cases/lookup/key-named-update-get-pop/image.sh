{{ apt['update'] }} {{ apt['get'] }} {{ apt['pop'] }} {{ apt.get('update') }} {{ apt.get('nothing', 'default') }}
