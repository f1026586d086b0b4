{{ apt['update'] }} {{ apt.upgrade }} {{ apt['keys'] }} {{ repo['values'] }} {{ repo['items'] }} {{ repo['get'] }} {{ u['keys']|first }} {{ u['pop'] }} {{ u['count'] }} {{ u['index'] }}
{{ apt.keys()|list }} {{ repo.values()|list|length }} {{ u.items()|list|length }}
