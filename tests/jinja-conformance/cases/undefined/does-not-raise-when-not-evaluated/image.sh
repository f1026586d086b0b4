{% if false %}{{ missing }}{% endif %}[{{ false and missing }}] [{{ true or missing }}] [{{ 'a' if true else missing }}]
