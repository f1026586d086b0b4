#!/bin/bash
set -e
mkdir -p /etc/prometheus
cat > /etc/prometheus/prometheus.yml <<'EOF'
global:
  scrape_interval: {{ prometheus.scrape_interval }}
  external_labels:
    image: {{ name }}
    version: '{{ version }}'

scrape_configs:
{% for job in prometheus.jobs if job.targets %}
  - job_name: {{ job.name }}
{% if job.metrics_path is defined %}
    metrics_path: {{ job.metrics_path }}
{% endif %}
    static_configs:
      - targets:
{% for t in job.targets %}
          - '{{ t }}'
{% endfor %}
{% if job.labels is defined %}
        labels:
{% for k, v in job.labels|dictsort %}
          {{ k }}: {{ v }}
{% endfor %}
{% endif %}
{% endfor %}
EOF
{% set skipped = prometheus.jobs|rejectattr('targets')|map(attribute='name')|list %}
{% if skipped %}
echo "skipped jobs without targets: {{ skipped|join(', ') }}"
{% endif %}
promtool check config /etc/prometheus/prometheus.yml
echo "{{ prometheus.jobs|map(attribute='targets')|map('length')|sum }} targets"
