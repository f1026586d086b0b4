{{ servers|first }} {{ servers|last }} {{ 'abc'|first }} {{ 'abc'|last }} {{ range(5)|first }} {{ (servers|first)[0] }}
