{{ url }} {{ time }} {{ plain_url }} {{ percent }} {{ braces }}
