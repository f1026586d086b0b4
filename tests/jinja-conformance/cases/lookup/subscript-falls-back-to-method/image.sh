{{ with_keys['keys'] }} {{ without_keys['keys'] is defined }} {{ without_keys['keys'] is callable }} {{ without_keys['nothing'] is defined }} {{ 'keys' in without_keys }}
