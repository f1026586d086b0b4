{{ servers[0] }}
{{ servers[5] }}
