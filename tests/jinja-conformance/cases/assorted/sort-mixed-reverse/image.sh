{{ [3, 1, 2] | sort(reverse=true) }}
{{ users | sort(attribute='name') | map(attribute='name') | join(',') }}
{{ users | sort(attribute='name', case_sensitive=true) | map(attribute='name') | list }}
{{ users | sort(attribute='uid', reverse=true) | map(attribute='uid') | list }}
