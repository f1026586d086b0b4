{{ app.name }} x{{ app.replicas }}
{% for l in app.listen %}listen {{ l.host }}:{{ l.port }}
{% endfor %}{% for k, v in app.env|dictsort %}{{ k }}={{ v if v is string else v|join(',') }}
{% endfor %}{{ app.listen[1].port + 1 }}
