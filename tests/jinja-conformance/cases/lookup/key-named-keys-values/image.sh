{{ repo['keys'] }} {{ repo['values'] }} {{ repo.keys()|list }} {{ repo.values()|list|length }}
