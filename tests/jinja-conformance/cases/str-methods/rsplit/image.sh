{{ fqdn.rsplit('.', 1) }} {{ fqdn.rsplit('.', 2)[0] }} {{ fqdn.rsplit('.') }} {{ fqdn.rsplit(maxsplit=1) }}
