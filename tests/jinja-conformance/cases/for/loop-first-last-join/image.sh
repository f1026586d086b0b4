upstream=({% for s in servers %}"{{ s }}"{% if not loop.last %} {% endif %}{% endfor %})
