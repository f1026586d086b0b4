{{ users|map(attribute='name')|first }}
{{ users|map(attribute='name')|last }}
