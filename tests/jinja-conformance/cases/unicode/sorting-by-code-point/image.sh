{{ ['é', 'z', 'e', 'É', 'Z']|sort(case_sensitive=true) }} {{ 'é' > 'z' }}
