part
