cat > ci.yml <<'EOF'
runs-on: {{ runner }}
steps:
  - run: echo {% raw %}${{ secrets.TOKEN }}{% endraw %}
EOF
