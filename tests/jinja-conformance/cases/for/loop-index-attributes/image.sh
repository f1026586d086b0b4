{% for x in items %}
{{ x }} index={{ loop.index }} index0={{ loop.index0 }} revindex={{ loop.revindex }} revindex0={{ loop.revindex0 }} first={{ loop.first }} last={{ loop.last }} length={{ loop.length }}
{% endfor %}
