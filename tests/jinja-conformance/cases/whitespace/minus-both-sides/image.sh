apt-get install -y
{%- for p in packages %} {{ p }}
{%- endfor %}
