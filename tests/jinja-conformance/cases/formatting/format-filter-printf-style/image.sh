{{ '%s:%d'|format('port', 80) }} {{ '%8.3f'|format(3.14159) }} {{ '%+d'|format(5) }} {{ '% d'|format(5) }} {{ '%#x'|format(255) }} {{ '%s'|format(none) }} {{ '%s %s'|format(true, [1]) }}
