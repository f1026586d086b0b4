{% for s in steps %}{{ s }}:{{ loop.previtem is defined }}:{{ loop.nextitem is defined }} {% endfor %}
