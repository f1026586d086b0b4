{% for n in nodes %}node{{ loop.index0 + 1 }}={{ n }} port={{ 9000 + loop.index0 * 10 }} last={{ loop.length - 1 == loop.index0 }}
{% endfor %}
