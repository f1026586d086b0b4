{{ users|selectattr('admin')|map(attribute='name')|list }}
{{ users|rejectattr('admin')|map(attribute='name')|list }}
{{ users|selectattr('shell', 'equalto', '/bin/zsh')|map(attribute='name')|list }}
{{ users|selectattr('shell', '==', '/bin/bash')|map(attribute='name')|join }}
{{ users|rejectattr('name', 'in', ['ann', 'bob'])|map(attribute='name')|join }}
{{ users|selectattr('name', 'ne', 'ann')|list|length }}
