{{ ports|dictsort }}
{{ ports|dictsort(true) }}
{{ ports|dictsort(by='value') }}
{{ ports|dictsort(reverse=true) }}
{{ ports|dictsort(case_sensitive=false, by='key', reverse=false) }}
