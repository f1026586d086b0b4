{{ html }}
