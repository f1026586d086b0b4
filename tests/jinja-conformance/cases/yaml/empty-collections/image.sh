{{ none_list }} {{ none_map }} {{ none_list|length }} {% for x in none_list %}x{% else %}empty{% endfor %} {{ none_map.items()|list }}
