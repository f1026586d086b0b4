{{ cart['items'] }} {{ cart.items() | list }} {{ cart.items is callable }}
