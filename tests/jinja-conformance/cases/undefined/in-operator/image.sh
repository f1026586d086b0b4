{{ 'a' in missing }}
