web role for {{ name }}
