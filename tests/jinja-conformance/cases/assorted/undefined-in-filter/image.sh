{{ missing | default('d') }} {{ missing | default }}x
