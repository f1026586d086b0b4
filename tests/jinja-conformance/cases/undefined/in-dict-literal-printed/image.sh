{{ {'k': missing} }}
