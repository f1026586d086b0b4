{{ '{name}'.format() }}
