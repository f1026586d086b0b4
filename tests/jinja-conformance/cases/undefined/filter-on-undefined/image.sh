{{ name|upper }}
{{ missing|upper }}
