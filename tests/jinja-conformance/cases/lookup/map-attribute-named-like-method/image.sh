{{ users|map(attribute='name')|join(',') }}
{{ users|map(attribute='keys')|map('length')|sum }}
