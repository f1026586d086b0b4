#!/bin/bash
set -euo pipefail

{%- macro yesno(v) %}{{ 'yes' if v else 'no' }}{% endmacro %}

cat > /etc/ssh/sshd_config.d/50-{{ name }}.conf <<'EOF'
Port {{ ssh.port }}
PermitRootLogin {{ yesno(ssh.permit_root_login) }}
PasswordAuthentication {{ yesno(ssh.password_authentication) }}
KbdInteractiveAuthentication no
AllowGroups {{ ssh.allow_groups|join(' ') }}
Ciphers {{ ssh.ciphers|join(',') }}
KexAlgorithms {{ ssh.kex|join(',') }}
ClientAliveInterval {{ ssh.client_alive.interval }}
ClientAliveCountMax {{ ssh.client_alive.count_max }}
Banner /etc/issue.net
EOF

cat > /etc/issue.net <<'EOF'
{{ '*' * 40 }}
{% for line in ssh.banner.splitlines() -%}
*{{ line.center(38) }}*
{% endfor -%}
{{ '*' * 40 }}
EOF

{% for g in ssh.allow_groups -%}
getent group {{ g }} >/dev/null || groupadd {{ g }}
{% endfor -%}

sshd -t
systemctl restart ssh
echo "idle disconnect after {{ ssh.client_alive.interval * ssh.client_alive.count_max // 60 }} minutes"
echo "{{ ssh.ciphers|length }} ciphers, strongest first: {{ ssh.ciphers|first|replace('@openssh.com', '') }}"
echo "root login: {{ yesno(ssh.permit_root_login)|upper }}, passwords: {{ yesno(ssh.password_authentication)|upper }}"
echo "done"
