{% set d = dict(name='web', port=80) %}{{ d.name }}:{{ d.port }} {{ d|dictsort }}
