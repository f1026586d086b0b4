{{ 'abc'|list }} {{ env|list }} {{ range(3)|list }} {{ (1, 2)|list }} {{ env.items()|list }}
