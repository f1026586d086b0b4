start
  {%- if true %}
    yes
  {%- endif %}
{% for p in ports -%}
  {{ p }}
{%- endfor %}
{%+ if true %}kept{% endif +%}
  {# c #}  
end {{- ' ' -}} x
