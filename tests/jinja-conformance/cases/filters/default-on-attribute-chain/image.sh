{{ aws_extra.tags.Name|default('unnamed') }} {{ aws_extra.region|default('us-east-1') }}
