{{ ' '.join(packages) }} {{ ','.join(['a', 'b', 'c']) }} {{ ''.join('xyz') }} {{ '-'.join([]) }}|
