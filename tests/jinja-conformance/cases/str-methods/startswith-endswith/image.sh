{{ file.startswith('backup') }} {{ file.endswith('.gz') }} {{ file.endswith(('.zip', '.gz')) }} {{ file.startswith(('x', 'y')) }} {{ file.startswith('tar', 7) }} {{ file.endswith('backup', 0, 6) }}
