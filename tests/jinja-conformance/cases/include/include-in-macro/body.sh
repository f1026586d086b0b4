body of {{ name }}
