{{ rows|sort(attribute='name')|map(attribute='name')|list }} {{ rows|map(attribute='count')|map('string')|list }}
