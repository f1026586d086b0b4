{{ ([]|max) is defined }} {{ []|min|default('empty') }}
