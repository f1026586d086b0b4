{{ lipsum(0, false) }}|{{ lipsum(3, false).split('\n\n')|length }} {{ lipsum(2).startswith('<p>') }} {{ lipsum(1, false, 20, 21)|wordcount }} {{ lipsum(n=1, html=false, min=5, max=6).endswith('.') }}
