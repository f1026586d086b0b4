{% set ns = namespace(zsh=false) %}
{% for u in users %}{% if u.shell.endswith('zsh') %}{% set ns.zsh = true %}{% endif %}{% endfor %}
{% if ns.zsh %}apt-get install -y zsh{% endif %}
