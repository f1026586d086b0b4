{{ [0, '', none, 'x', 1, [], [0]]|select|list }}
