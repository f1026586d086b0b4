a
{% for x in features %}
{{ x }}
