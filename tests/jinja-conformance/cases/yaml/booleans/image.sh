{% for k, v in flags|dictsort %}{{ k }}={{ v }}{{ '(bool)' if v is boolean else '(str)' }} {% endfor %}
