{{ matrix }} {{ matrix[1][1] is boolean }} {{ matrix|map('length')|list }}
