useradd --system --no-create-home agent || true
