{{ undefined_thing|d('alias works') }} {{ ''|d('x', true) }} {{ none|d(default_value='y', boolean=true) }}
