#!/bin/bash
set -e
{% for svc, unit in services|dictsort %}
cat > /etc/systemd/system/{{ svc }}.service <<'EOF'
[Unit]
Description={{ unit.description }}
After={{ unit.after|default(['network.target'])|join(' ') }}
{% if unit.after is defined %}
Wants={{ unit.after|select('ne', 'network-online.target')|join(' ') or 'network.target' }}
{% endif %}

[Service]
Type=simple
User={{ unit.user }}
ExecStart={{ unit.exec }}
Restart={{ unit.restart|default('on-failure') }}
RestartSec=5
{% for key, value in (unit.environment|default({}))|dictsort %}
Environment={{ key }}={{ value }}
{% endfor %}

[Install]
WantedBy=multi-user.target
EOF
{% endfor %}

systemctl daemon-reload
{% for svc in services|sort %}
systemctl enable {{ svc }}.service
{% endfor %}
echo "{{ services|length }} units installed: {{ services|sort|join(', ') }}"
