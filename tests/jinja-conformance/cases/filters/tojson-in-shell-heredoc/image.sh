cat > /etc/docker/daemon.json <<'EOF'
{{ docker | tojson(indent=2) }}
EOF
