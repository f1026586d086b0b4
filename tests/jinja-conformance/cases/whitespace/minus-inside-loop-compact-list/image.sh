items=(
{%- for i in items %}
  "{{ i }}"
{%- endfor %}
)
