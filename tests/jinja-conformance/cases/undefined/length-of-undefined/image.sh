{{ missing|length }}
