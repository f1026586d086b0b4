{{ (memory_mb * 0.75)|round|int }} {{ (memory_mb / 1024)|round(1) }}
