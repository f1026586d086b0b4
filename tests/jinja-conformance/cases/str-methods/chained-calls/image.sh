{{ raw.strip().lower().replace('_', '-').split('-') }}
