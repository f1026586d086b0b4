#!/bin/bash
set -euo pipefail
{% set heap = (instance_memory_mb * java.heap_ratio|float)|round(0, 'floor')|int -%}
{% set heap = [heap, java.min_heap_mb]|max -%}
{% set metaspace = [256, (instance_memory_mb // 32)]|min -%}
{% set threads = (instance_memory_mb / 1024)|round(0, 'ceil')|int * 50 -%}

cat > /etc/default/app <<EOF
JAVA_OPTS="-Xms{{ heap }}m -Xmx{{ heap }}m -XX:MaxMetaspaceSize={{ metaspace }}m -XX:+Use{{ java.gc }}GC {{ java.extra_flags|join(' ') }}"
APP_THREADS={{ threads }}
EOF

cat > /etc/systemd/system/app.service <<'EOF'
[Unit]
Description=Java application
After=network.target

[Service]
EnvironmentFile=/etc/default/app
ExecStart=/usr/bin/java $JAVA_OPTS -jar {{ java.app_jar }}
LimitNOFILE={{ 2 ** 16 }}
MemoryMax={{ (instance_memory_mb * 0.95)|int }}M

[Install]
WantedBy=multi-user.target
EOF

echo "instance: {{ instance_memory_mb }} MiB ({{ '%.1f'|format(instance_memory_mb / 1024) }} GiB)"
echo "heap: {{ heap }} MiB = {{ (heap / instance_memory_mb * 100)|round(1) }}% of memory"
echo "metaspace: {{ metaspace }} MiB, threads: {{ threads }}"
echo "left for the OS: {{ instance_memory_mb - heap - metaspace }} MiB"
echo "heap in GiB: {{ heap // 1024 }} GiB and {{ heap % 1024 }} MiB"
echo "flags: {{ java.extra_flags|length }}"
systemctl daemon-reload
systemctl enable app
echo "done"
