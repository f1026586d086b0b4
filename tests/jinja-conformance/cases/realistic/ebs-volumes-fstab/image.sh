#!/bin/bash
set -euo pipefail

{% for v in volumes -%}
# {{ v.mount }} ({{ v.size_gb }} GiB, {{ v.fs }})
for i in $(seq 1 30); do [ -b {{ v.device }} ] && break; sleep 2; done
if ! blkid {{ v.device }} >/dev/null 2>&1; then
  mkfs.{{ v.fs }} {{ '-f ' if v.fs == 'xfs' }}{{ v.device }}
fi
mkdir -p {{ v.mount }}
UUID=$(blkid -s UUID -o value {{ v.device }})
{% if not v.temporary|default(false) -%}
echo "UUID=$UUID {{ v.mount }} {{ v.fs }} {{ v.options|default('defaults,nofail') }} 0 2" >> /etc/fstab
{% else -%}
echo "# {{ v.mount }} is scratch space, mounted at boot by a unit" >> /etc/fstab
{% endif -%}
mount {{ v.mount }} || mount {{ v.device }} {{ v.mount }}

{% endfor -%}
{% if swap_mb > 0 -%}
fallocate -l {{ swap_mb }}M /swapfile
chmod 600 /swapfile
mkswap /swapfile
echo '/swapfile none swap sw 0 0' >> /etc/fstab
swapon /swapfile
{% endif -%}

{% set total = volumes|sum(attribute='size_gb') -%}
echo "{{ volumes|length }} volumes, {{ total }} GiB ({{ (total * 1024 ** 3)|filesizeformat(true) }}), swap {{ (swap_mb * 1024 * 1024)|filesizeformat }}"
echo "largest: {{ (volumes|max(attribute='size_gb')).mount }}"
echo "ext4: {{ volumes|selectattr('fs', 'eq', 'ext4')|map(attribute='mount')|join(' ') }}"
echo "persistent: {{ volumes|rejectattr('temporary', 'defined')|map(attribute='mount')|join(' ') }}"
df -h {{ volumes|map(attribute='mount')|join(' ') }}
echo "share of data: {{ '%.1f'|format(volumes[0].size_gb / total * 100) }}%"
echo "done"
