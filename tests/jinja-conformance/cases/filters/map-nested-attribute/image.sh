{{ instances|map(attribute='meta.id')|join(' ') }} {{ [[1, 2], [3, 4]]|map(attribute='1')|list }}
