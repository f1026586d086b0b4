{{ missing|join(',') }}
