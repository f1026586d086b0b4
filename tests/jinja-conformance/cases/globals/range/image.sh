{{ range(5)|list }} {{ range(2, 5)|list }} {{ range(0, 10, 3)|list }} {{ range(3, 0, -1)|list }} {{ range(0)|list }} {{ range(5)|length }} {{ 3 in range(5) }}
