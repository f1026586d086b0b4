{% for k, v in {'a': a, 'b': b, 'c': c, 'd': d, 'e': e, 'f': f, 'g': g}|dictsort %}{{ k }}={{ v }}{{ '(none)' if v is none else '' }} {% endfor %}
