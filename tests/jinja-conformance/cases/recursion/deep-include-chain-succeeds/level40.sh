40 bottom
