#!/bin/bash
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
install -d -m 0755 /etc/apt/keyrings

{% for key in apt['keys'] %}
curl -fsSL '{{ key.url }}' | gpg --dearmor -o /etc/apt/keyrings/{{ key.name }}.gpg
{% endfor %}

{% for repo in apt.repos %}
cat > /etc/apt/sources.list.d/{{ repo.name }}.sources <<'EOF'
Types: deb
URIs: {{ repo.uri }}
Suites: {{ repo.suites }}
Components: {{ repo.components|join(' ') }}
{% if repo.arch is defined %}
Architectures: {{ repo.arch }}
{% endif %}
Signed-By: /etc/apt/keyrings/{{ repo.name }}.gpg
EOF
{% endfor %}

{% if apt['update'] %}
apt-get update -q
{% endif %}
{% if apt.upgrade %}
apt-get -y -q upgrade
{% endif %}
apt-get install -y -q --no-install-recommends \
{% for p in apt.packages %}
  {{ p }}{{ ' \\' if not loop.last }}
{% endfor %}

{% if apt.holds %}
apt-mark hold {{ apt.holds|join(' ') }}
{% endif %}
echo "{{ apt.repos|length }} repositories, {{ apt.packages|length }} packages ({{ apt.packages|reject('in', apt.holds)|join(', ') }} unpinned)"
