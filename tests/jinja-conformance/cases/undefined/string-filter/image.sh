{{ missing|string }}
