{{ range(10, 0, -3) | list }} {{ range(5)[1:3] | list }} {{ ports[::-1] }} {{ ports[1::2] }} {{ 'abcdef'[-3:] }} {{ 'abcdef'[::2] }} {{ ports[-1] }} {{ ports[10:] }} {{ 'héllo'[1] }}
