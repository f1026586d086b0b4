{{ pkgs|count }} {{ pkgs|length }} {{ env|length }} {{ 'hello'|length }} {{ ''|count }} {{ range(4)|length }}
