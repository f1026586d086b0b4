a
b
{{ aws_extra.region }}
