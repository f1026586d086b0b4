{{ 'upper' is filter }} {{ 'tojson' is filter }} {{ 'b64encode' is filter }} {{ 'odd' is test }} {{ 'prime' is test }} {{ 'filter' is test }} {{ 'test' is test }}
