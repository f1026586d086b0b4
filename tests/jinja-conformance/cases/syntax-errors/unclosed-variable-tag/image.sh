echo {{ name
next line
