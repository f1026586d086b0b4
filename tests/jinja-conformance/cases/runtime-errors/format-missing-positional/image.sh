{{ '{} {}'.format('a') }}
