{{ kv.partition('=') }} {{ kv.rpartition('=') }} {{ kv.partition('#') }} {{ kv.partition('=')[2] }}
