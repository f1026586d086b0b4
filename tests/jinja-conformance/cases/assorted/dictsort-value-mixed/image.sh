{{ mixed | dictsort(by='value') }}
