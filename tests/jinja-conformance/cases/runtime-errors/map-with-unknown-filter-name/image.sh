{{ binds|map('split', ' ')|list }}
