{{ missing|tojson }}
