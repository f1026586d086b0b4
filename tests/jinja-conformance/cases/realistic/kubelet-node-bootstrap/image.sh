#!/bin/bash
set -euo pipefail
{% set minor = k8s.version.split('.')[:2]|join('.') -%}
curl -fsSL https://pkgs.k8s.io/core:/stable:/v{{ minor }}/deb/Release.key | gpg --dearmor -o /etc/apt/keyrings/kubernetes.gpg
echo 'deb [signed-by=/etc/apt/keyrings/kubernetes.gpg] https://pkgs.k8s.io/core:/stable:/v{{ minor }}/deb/ /' > /etc/apt/sources.list.d/kubernetes.list
apt-get update -q
apt-get install -y kubelet={{ k8s.version }}-1.1 kubeadm={{ k8s.version }}-1.1
apt-mark hold kubelet kubeadm

mkdir -p /var/lib/kubelet
{% set config = {
  'apiVersion': 'kubelet.config.k8s.io/v1beta1',
  'kind': 'KubeletConfiguration',
  'clusterDNS': k8s.cluster_dns,
  'maxPods': k8s.max_pods,
  'kubeReserved': k8s.kube_reserved,
  'evictionHard': k8s.eviction_hard,
  'registerWithTaints': k8s.taints,
  'cgroupDriver': 'systemd',
} -%}
cat > /var/lib/kubelet/config.json <<'EOF'
{{ config|tojson(indent=2) }}
EOF

cat > /etc/default/kubelet <<'EOF'
KUBELET_EXTRA_ARGS="--node-labels={% for k, v in k8s.labels|dictsort %}{{ k }}={{ v }}{{ ',' if not loop.last }}{% endfor %} --config=/var/lib/kubelet/config.json"
EOF

systemctl enable kubelet
echo "kubelet {{ k8s.version }} (minor {{ minor }}), {{ k8s.taints|length }} taint(s): {{ k8s.taints|map(attribute='key')|join(',') }}"
echo "zone: {{ k8s.labels['topology.kubernetes.io/zone'] }}"
echo "reserved: {{ k8s.kube_reserved|dictsort|map('join', '=')|join(',') }}"
echo "max pods per core (4 cores): {{ (k8s.max_pods / 4)|round(1) }}"
echo "done"
