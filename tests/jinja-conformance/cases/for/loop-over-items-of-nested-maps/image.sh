{% for region, z in zones|dictsort %}{% for az in z.azs %}{{ region }}{{ az }}{{ ',' if not loop.last }}{% endfor %}{{ ';' if not loop.last }}{% endfor %}
