{{ conf|dictsort(by='value') }} {{ conf.items()|sort(attribute='1') }} {{ pairs|sort(attribute='1') }}
