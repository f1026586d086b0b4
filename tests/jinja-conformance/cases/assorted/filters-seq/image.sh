{{ ports | batch(3) | list }} {{ ports | batch(3, 0) | list }} {{ ports | slice(3) | list }}
{{ [1, 2, 2, 'A', 'a'] | unique | list }} {{ ['A', 'a'] | unique(case_sensitive=true) | list }}
{{ users | map(attribute='groups') | map('length') | list }} {{ users | selectattr('groups') | map(attribute='name') | join }}
{{ users | rejectattr('uid', 'gt', 1000) | map(attribute='name') | first }} {{ ports | select('odd') | list }} {{ ports | reject('divisibleby', 4) | list }}
{{ users | map(attribute='missing', default='-') | list }} {{ ports | last }} {{ ports | random is number }} {{ ports | length }} {{ ports | list | count }}
{{ users | groupby('shell') | map(attribute='grouper') | list }}
{% for shell, us in users | groupby('shell') %}{{ shell }}: {{ us | map(attribute='name') | join(', ') }}
{% endfor %}