{{ 'postgres://{}:{}/app'.format(host, port) }} {{ 'host={h} port={p}'.format(h=host, p=port) }}
