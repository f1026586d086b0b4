{{ c|dictsort }} {{ c|length }}
