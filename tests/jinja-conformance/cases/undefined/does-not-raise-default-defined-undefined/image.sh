[{{ missing|default('d') }}] [{{ missing is defined }}] [{{ missing is undefined }}] [{% if missing is defined and missing %}x{% endif %}] [{{ missing is none }}]
