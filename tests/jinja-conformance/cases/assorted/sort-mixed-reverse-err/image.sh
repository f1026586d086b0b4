{{ ['a', 1, 'b', 3] | sort(reverse=true) }}
