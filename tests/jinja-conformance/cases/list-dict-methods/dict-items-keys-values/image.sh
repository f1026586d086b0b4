{{ env.items()|list }} {{ env.keys()|list }} {{ env.values()|list }} {{ env.keys()|join(',') }}
