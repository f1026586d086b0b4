items:
{% for l in lines %}
  - {{ l }}
{% endfor %}
done
