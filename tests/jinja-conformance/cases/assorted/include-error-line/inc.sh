a
b
{{ undefined_thing.x }}
