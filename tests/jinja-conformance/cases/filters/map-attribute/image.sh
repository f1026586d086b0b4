{{ users|map(attribute='name')|list }} {{ users|map(attribute='uid', default=0)|list }} {{ users|map(attribute='name')|map('upper')|join(',') }}
