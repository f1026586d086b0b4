{% for s in steps %}
{{ s }} after={{ loop.previtem if not loop.first else '-' }} before={{ loop.nextitem if not loop.last else '-' }}
{% endfor %}
