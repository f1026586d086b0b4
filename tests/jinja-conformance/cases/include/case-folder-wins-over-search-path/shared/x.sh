shared x
