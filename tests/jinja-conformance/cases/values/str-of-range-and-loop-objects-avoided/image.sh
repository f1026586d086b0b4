{{ range(3)|list }} {{ range(1, 3)|list|string }}
