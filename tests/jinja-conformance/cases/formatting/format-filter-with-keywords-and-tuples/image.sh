{{ '%(host)s:%(port)d'|format(host='db', port=5432) }} {{ '%s/%s'|format(*['a', 'b']) }} {{ '%3d|%-3d|'|format(7, 7) }}
