{{ [1, 2, 3]|sum }} {{ items|sum(attribute='size') }} {{ [1, 2]|sum(start=10) }} {{ [[1], [2, 3]]|sum(start=[]) }} {{ [0.5, 0.25]|sum }} {{ []|sum }} {{ items|sum('size', 100) }}
