line


