{{ 'no end }}
