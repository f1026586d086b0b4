{{ csv.split(',') }} {{ path.split('/') }} {{ words.split() }} {{ csv.split(',', 1) }} {{ words.split(None, 1) }} {{ csv.split(sep=',', maxsplit=2) }}
