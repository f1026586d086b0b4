{% for e in [dev, prod] %}{{ e.env }}: {{ e.region }} {{ e.tags.team }}
{% endfor %}{{ common|dictsort }}
