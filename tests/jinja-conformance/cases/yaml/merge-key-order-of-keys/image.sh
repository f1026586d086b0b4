{{ m }} {% for k in m %}{{ k }}{% endfor %} {{ m|list }} {{ m.values()|list }}
