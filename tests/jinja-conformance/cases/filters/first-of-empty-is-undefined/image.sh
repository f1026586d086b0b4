{{ ([]|first) is defined }} {{ []|first|default('none') }}
