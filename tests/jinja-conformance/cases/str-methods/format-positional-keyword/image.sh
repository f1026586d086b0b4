{{ '{}-{}'.format('a', 'b') }} {{ '{1}{0}'.format('x', 'y') }} {{ '{name}@{host}'.format(name='root', host='db') }} {{ '{0}{name}{0}'.format('*', name='n') }} {{ '{{literal}}'.format() }}
