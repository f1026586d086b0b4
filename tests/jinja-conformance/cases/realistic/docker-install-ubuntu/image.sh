#!/bin/bash
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

echo "==> Building {{ name }} {{ version }}"

apt-get update -q
apt-get install -y -q ca-certificates curl gnupg lsb-release

install -m 0755 -d /etc/apt/keyrings
curl -fsSL https://download.docker.com/linux/ubuntu/gpg | gpg --dearmor -o /etc/apt/keyrings/docker.gpg
chmod a+r /etc/apt/keyrings/docker.gpg

echo "deb [arch={{ arch }} signed-by=/etc/apt/keyrings/docker.gpg] https://download.docker.com/linux/ubuntu {{ codename }} stable" \
  > /etc/apt/sources.list.d/docker.list

apt-get update -q
{% set pkgs = ['docker-ce', 'docker-ce-cli', 'containerd.io', 'docker-buildx-plugin'] %}
{% if docker.version is defined and docker.version %}
apt-get install -y -q {% for p in pkgs[:2] %}{{ p }}={{ docker.version }} {% endfor %}{{ pkgs[2:]|join(' ') }}
{% else %}
apt-get install -y -q {{ pkgs|join(' ') }}
{% endif %}

mkdir -p /etc/docker
cat > /etc/docker/daemon.json <<'EOF'
{{ docker.daemon|tojson(indent=2) }}
EOF

{% for user in docker.users %}
usermod -aG docker {{ user }}
{% endfor %}

{% if docker.compose_version %}
curl -fsSL "https://github.com/docker/compose/releases/download/{{ docker.compose_version }}/docker-compose-linux-{{ 'x86_64' if arch == 'amd64' else 'aarch64' }}" \
  -o /usr/local/lib/docker/cli-plugins/docker-compose
chmod +x /usr/local/lib/docker/cli-plugins/docker-compose
{% endif %}

systemctl enable docker
systemctl restart docker
docker info --format '{{ '{{' }}.ServerVersion{{ '}}' }}'

apt-get clean
rm -rf /var/lib/apt/lists/*
