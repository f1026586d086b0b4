export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q {{ packages|join(' ') }}
{%- if os_release in ['bookworm', 'trixie'] %}
apt-get install -y -q systemd-resolved
{%- endif %}
