{{ owners|dictsort(by='value') }} {{ owners|dictsort(false, 'value', true) }} {{ owners|dictsort(true, 'value') }}
