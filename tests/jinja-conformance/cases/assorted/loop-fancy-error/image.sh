{% for u in users %}{{ loop.index }}/{{ loop.length }} {{ loop.cycle('odd', 'even') }} {{ loop.previtem.name if loop.previtem else '-' }} {{ loop.nextitem.name if loop.nextitem is defined else '-' }} {{ loop.changed(u.shell) }} {{ loop.revindex0 }}
{% endfor %}{% for p in ports if p > 80 %}{{ p }}{% else %}none{% endfor %}
{% for p in [] %}x{% else %}empty{% endfor %}
