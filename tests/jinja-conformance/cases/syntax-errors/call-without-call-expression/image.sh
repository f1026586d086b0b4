{% call nothing %}{% endcall %}
