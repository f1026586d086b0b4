{{ url.split('/')[2] }} {{ url.startswith('https') }}
